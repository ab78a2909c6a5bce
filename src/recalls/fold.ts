import { sql } from 'drizzle-orm';
import { audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';

/**
 * One event, one case. When an early notice is joined to the openFDA recall that tells the same
 * event (sources/linking.ts), the work the team did on the notice's case moves to the recall's:
 * each device's decision and disposition go to the joined recall that matches that device (else
 * to the best-joined one), with the notes, the evidence and the manufacturer's side. The case
 * keeps the day it was opened on the notice: the team's clock started with the first word.
 * A device the notice matched and the recall does not is carried over, so nothing worked on is
 * lost. Returns how many notices were folded.
 */
export function foldJoinedNotices(db: Db, now: Date): number {
  const pending = db.all<{ notice: string; recall: string }>(sql`
    SELECT notice_key AS notice, product_res_number AS recall FROM notice_links
    WHERE state IN ('linked', 'confirmed') AND merged_at IS NULL
    ORDER BY notice_key, score DESC, product_res_number`);
  const byNotice = new Map<string, string[]>();
  for (const p of pending) byNotice.set(p.notice, [...(byNotice.get(p.notice) ?? []), p.recall]);
  for (const [notice, targets] of byNotice) {
    writeTransaction(db, () => fold(db, notice, targets, now));
  }
  return byNotice.size;
}

type CaseRow = { state: string; opened_at: string };

function fold(db: Db, notice: string, targets: string[], now: Date) {
  const at = now.toISOString();
  const kase = db.get<CaseRow>(
    sql`SELECT state, opened_at FROM recall_cases WHERE product_res_number = ${notice}`,
  );
  if (kase) {
    const worked = db.all<{ tag: string }>(sql`
      SELECT asset_tag AS tag FROM recall_matches WHERE product_res_number = ${notice}
      UNION SELECT asset_tag FROM match_decisions WHERE product_res_number = ${notice}
      UNION SELECT asset_tag FROM asset_dispositions WHERE product_res_number = ${notice}`);
    const received = new Set<string>();
    for (const { tag } of worked) {
      const target =
        targets.find(
          (t) =>
            db.get(
              sql`SELECT 1 AS x FROM recall_matches WHERE product_res_number = ${t} AND asset_tag = ${tag}`,
            ) !== undefined,
        ) ?? targets[0]!;
      received.add(target);
      carryDevice(db, notice, target, tag, at);
    }
    if (received.size === 0) received.add(targets[0]!);
    for (const target of received) carryCase(db, notice, target);
    db.run(
      sql`UPDATE recall_notes SET product_res_number = ${targets[0]!} WHERE product_res_number = ${notice}`,
    );
    db.run(
      sql`UPDATE evidence_files SET product_res_number = ${targets[0]!} WHERE product_res_number = ${notice}`,
    );
    db.run(sql`DELETE FROM asset_dispositions WHERE product_res_number = ${notice}`);
    db.run(sql`DELETE FROM match_decisions WHERE product_res_number = ${notice}`);
    db.run(sql`DELETE FROM recall_cases WHERE product_res_number = ${notice}`);
    for (const target of received) {
      audit(db, { name: 'Vigil', userId: null }, now, {
        action: 'case.folded',
        entity: 'recall',
        entityId: target,
        after: { notice, openedAt: kase.opened_at, state: kase.state },
      });
    }
  }
  db.run(sql`
    UPDATE notice_links SET merged_at = ${at}
    WHERE notice_key = ${notice} AND state IN ('linked', 'confirmed') AND merged_at IS NULL`);
}

/** One device's suggestion, decision and disposition, from the notice to the recall. */
function carryDevice(db: Db, notice: string, target: string, tag: string, at: string) {
  const matchedThere =
    db.get(
      sql`SELECT 1 AS x FROM recall_matches WHERE product_res_number = ${target} AND asset_tag = ${tag}`,
    ) !== undefined;
  if (!matchedThere) {
    db.run(sql`
      INSERT INTO recall_matches (asset_tag, product_res_number, score, confidence, reasons, lot_status, matched_at)
      SELECT asset_tag, ${target}, score, confidence,
        json_insert(reasons, '$[#]', ${`carried from the early notice ${notice}, which matched it`}),
        lot_status, matched_at
      FROM recall_matches WHERE product_res_number = ${notice} AND asset_tag = ${tag}`);
  }
  // A person's decision on the notice stands for the recall; a device worked on the notice and
  // not matched by the recall is kept as confirmed, so no later matching run takes it away.
  db.run(sql`
    INSERT INTO match_decisions (asset_tag, product_res_number, decision, decided_by, decided_at, note, reason, suggestion)
    SELECT asset_tag, ${target}, decision, decided_by, decided_at, note, reason, suggestion
    FROM match_decisions WHERE product_res_number = ${notice} AND asset_tag = ${tag}
    ON CONFLICT DO NOTHING`);
  db.run(sql`
    INSERT INTO asset_dispositions (product_res_number, asset_tag, disposition, note, decided_by, decided_at)
    SELECT ${target}, asset_tag, disposition, note, decided_by, decided_at
    FROM asset_dispositions WHERE product_res_number = ${notice} AND asset_tag = ${tag}
    ON CONFLICT DO NOTHING`);
  if (!matchedThere) {
    db.run(sql`
      INSERT INTO match_decisions (asset_tag, product_res_number, decision, decided_by, decided_at, note)
      SELECT ${tag}, ${target}, 'confirmed', 'Vigil', ${at}, ${`worked on the early notice ${notice}`}
      WHERE EXISTS (SELECT 1 FROM asset_dispositions WHERE product_res_number = ${notice} AND asset_tag = ${tag})
      ON CONFLICT DO NOTHING`);
  }
}

/** The notice's case onto the recall's: opened on the earlier day, the work not done kept open. */
function carryCase(db: Db, notice: string, target: string) {
  db.run(sql`
    INSERT INTO recall_cases (product_res_number, state, assigned_to, opened_at, due_override, closed_at,
      closed_by, baseline_id, response_sent_on, response_sent_by, response_file_id,
      correction_promised_by, correction_done_on, updated_at)
    SELECT ${target}, state, assigned_to, opened_at, due_override, closed_at, closed_by, baseline_id,
      response_sent_on, response_sent_by, response_file_id, correction_promised_by, correction_done_on, updated_at
    FROM recall_cases WHERE product_res_number = ${notice}
    ON CONFLICT (product_res_number) DO UPDATE SET
      opened_at = min(recall_cases.opened_at, excluded.opened_at),
      assigned_to = coalesce(recall_cases.assigned_to, excluded.assigned_to),
      state = CASE WHEN recall_cases.state = 'closed' AND excluded.state <> 'closed' THEN excluded.state
        ELSE recall_cases.state END,
      closed_at = CASE WHEN recall_cases.state = 'closed' AND excluded.state <> 'closed' THEN NULL
        ELSE recall_cases.closed_at END,
      response_sent_on = coalesce(recall_cases.response_sent_on, excluded.response_sent_on),
      response_sent_by = coalesce(recall_cases.response_sent_by, excluded.response_sent_by),
      response_file_id = coalesce(recall_cases.response_file_id, excluded.response_file_id),
      correction_promised_by = coalesce(recall_cases.correction_promised_by, excluded.correction_promised_by),
      correction_done_on = coalesce(recall_cases.correction_done_on, excluded.correction_done_on)`);
}
