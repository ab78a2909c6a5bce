import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { evidenceFiles, recallCases } from '../db/schema';
import { facilityDay } from '../shared/clock';
import { Refusal } from '../shared/refusal';

/**
 * The manufacturer's side of a recall: most letters ask for an acknowledgement form back and
 * promise a correction (a software update, a replacement part) by some day. The team records
 * when its response went, who sent it and the file that shows it, the day the correction was
 * promised by, and the day it was done.
 */
export type ManufacturerSide = {
  responseSentOn: string | null;
  responseSentBy: string | null;
  correctionPromisedBy: string | null;
  correctionDoneOn: string | null;
};

/**
 * A promise is late when its day has passed (before the facility's `today`) and the correction
 * is not recorded as done. The one rule, read from a case or in SQL over recall_cases `c`.
 */
export const promiseLate = (
  c: { correctionPromisedBy: string | null; correctionDoneOn: string | null },
  today: string,
): boolean =>
  c.correctionPromisedBy !== null && c.correctionDoneOn === null && c.correctionPromisedBy < today;

export function promiseLateSql(today: string, c: SQLWrapper = sql.raw('c')): SQL {
  return sql`(${c}.correction_promised_by IS NOT NULL AND ${c}.correction_done_on IS NULL
    AND ${c}.correction_promised_by < ${today})`;
}

/** Why the manufacturer's side cannot be recorded as given (on the facility's `today`), or null. */
export function manufacturerSideProblem(
  side: ManufacturerSide & { withFile?: boolean },
  today: string,
): string | null {
  if (side.responseSentBy && !side.responseSentOn)
    return 'give the day the response was sent, as well as who sent it';
  // A file is kept as the response that was sent: without its day it would be kept as nothing.
  if (side.withFile && !side.responseSentOn)
    return 'give the day the response was sent, to keep the file as that response';
  if (side.correctionDoneOn && side.correctionDoneOn > today)
    return 'the correction cannot be done on a day still to come';
  return null;
}

/** Records the manufacturer's side as given (empty days clear what was recorded). */
export function setManufacturerSide(
  db: Db,
  productResNumber: string,
  side: ManufacturerSide & { responseFileId?: number | null },
  by: Actor,
  now: Date,
): void {
  const problem = manufacturerSideProblem(side, facilityDay(now));
  if (problem) throw new Refusal(problem);
  writeTransaction(db, () => {
    const before = db
      .select()
      .from(recallCases)
      .where(eq(recallCases.productResNumber, productResNumber))
      .get();
    if (!before)
      throw new Refusal(`recall ${productResNumber} matches none of our devices, so it has no case to work`);
    if (side.responseFileId) {
      const file = db.select().from(evidenceFiles).where(eq(evidenceFiles.id, side.responseFileId)).get();
      if (file?.productResNumber !== productResNumber)
        throw new Refusal('that file is not evidence of this recall');
    }
    const after = {
      responseSentOn: side.responseSentOn,
      responseSentBy: side.responseSentOn ? (side.responseSentBy ?? by.name) : null,
      responseFileId: side.responseSentOn ? (side.responseFileId ?? before.responseFileId) : null,
      correctionPromisedBy: side.correctionPromisedBy,
      correctionDoneOn: side.correctionDoneOn,
    };
    db.update(recallCases)
      .set({ ...after, updatedAt: now.toISOString() })
      .where(eq(recallCases.productResNumber, productResNumber))
      .run();
    audit(db, by, now, {
      action: 'case.manufacturer',
      entity: 'recall',
      entityId: productResNumber,
      before: {
        responseSentOn: before.responseSentOn,
        responseSentBy: before.responseSentBy,
        responseFileId: before.responseFileId,
        correctionPromisedBy: before.correctionPromisedBy,
        correctionDoneOn: before.correctionDoneOn,
      },
      after,
    });
  });
}

/** The id of the newest evidence file of the recall, to link the response to one just uploaded. */
export function newestEvidenceId(db: Db, productResNumber: string): number | null {
  return (
    db.get<{ id: number }>(
      sql`SELECT max(id) AS id FROM evidence_files WHERE product_res_number = ${productResNumber}`,
    )?.id ?? null
  );
}
