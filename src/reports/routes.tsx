import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { CompliancePage } from '../../views/reports/reports';
import { requires } from '../auth/middleware';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { stampText } from '../shared/clock';
import { optionalDay } from '../shared/days';
import type { AppEnv } from '../web/env';
import { defaultRange, ninetyDaysTo } from './compliance';
import { complianceCsv, complianceReport, csvFilename } from './report';

export type ReportDeps = { db: Db; now: () => Date; dueDays: DueDays };

/** Recall compliance for a range of days, as a printable page and as CSV. */
export function createReportRoutes(deps: ReportDeps) {
  // A missing end is today; a missing start is 90 days before the end.
  const range = z
    .object({ from: optionalDay('The start'), to: optionalDay('The end') })
    .transform(({ from, to }) => {
      const end = to || defaultRange(deps.now()).to;
      return { from: from || ninetyDaysTo(end).from, to: end };
    })
    .refine((r) => r.from <= r.to, { message: 'The start of the range is after its end' });

  const failed = (c: Context, typed: Record<string, string | undefined>, error: string) => {
    c.status(422);
    const form = { from: typed.from ?? '', to: typed.to ?? '', error: `${error}.` };
    return c.render(<CompliancePage view={{ form, report: null }} />, { title: 'Recall compliance' });
  };
  const validRange = zValidator('query', range, (result, c) => {
    if (!result.success) return failed(c, result.data, result.error.issues[0]!.message);
  });

  return new Hono<AppEnv>()
    .get('/reports/compliance', requires('read'), validRange, (c) => {
      const report = complianceReport(deps.db, c.req.valid('query'), deps.dueDays, deps.now());
      return c.render(<CompliancePage view={{ form: { from: report.from, to: report.to }, report }} />, {
        title: `Recall compliance ${report.from} to ${report.to} (generated ${stampText(report.generatedAt)})`,
      });
    })
    .get('/reports/compliance.csv', requires('read'), validRange, (c) => {
      const report = complianceReport(deps.db, c.req.valid('query'), deps.dueDays, deps.now());
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${csvFilename(report)}"`);
      return c.body(complianceCsv(report));
    });
}
