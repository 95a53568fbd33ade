import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileReport } from '../engine/lint';
import { estimateItems } from '../formats/estimate';
import type { ReportResult, ReportTeam } from './protocol';

/** What a team's budget says for the report: its monthly limit when known, and the status state. */
export type TeamBudget = (team: string, folder: string) => Promise<Pick<ReportTeam, 'budget' | 'state'>>;

/** The workspace cost report (`costlint/report`): files by monthly cost with their items, and each team's total against its budget. */
export async function workspaceReport(reports: readonly FileReport[], teamBudget: TeamBudget): Promise<ReportResult> {
  const byTeam = new Map<string, { monthly: number; folder: string }>();
  const files = reports
    .filter((r) => r.facts.length)
    .map((report) => {
      const items = estimateItems([report]).map((item) => ({
        line: item.line - 1,
        kind: item.kind,
        label: item.kind === 'llm-call' ? `${item.name} (${item.provider} ${item.model ?? 'model unknown'})` : item.name,
        monthly: item.monthly ?? 0,
      }));
      const monthly = items.reduce((sum, i) => sum + i.monthly, 0);
      if (report.team) byTeam.set(report.team, { monthly: (byTeam.get(report.team)?.monthly ?? 0) + monthly, folder: path.dirname(report.path) });
      return { uri: pathToFileURL(report.path).href, monthly, items };
    })
    .sort((a, b) => b.monthly - a.monthly);
  const teams: ReportTeam[] = [];
  for (const [team, { monthly, folder }] of byTeam) teams.push({ team, monthly, ...(await teamBudget(team, folder)) });
  return { total: files.reduce((sum, f) => sum + f.monthly, 0), files, teams };
}
