import { cruise, type IModule } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/shared';

/**
 * The rules of the house, checked on every import of src/ and views/ (README, "Architecture"):
 * the arrows that must never appear, and no cycle between features.
 */

/** Files that wire the features together and may import any of them. */
const compositionRoots = ['src/main.ts', 'src/app.tsx', 'src/cli.ts', 'src/context.ts', 'src/pipeline.ts'];
/** Folders every feature may use, which import no feature themselves. */
const infrastructure = ['src/shared', 'src/db', 'src/web', 'src/audit', 'src/files', 'views/shared'];
const infrastructureFiles = ['src/config.ts', 'src/log.ts'];

/** The feature a file belongs to: src/<feature>/… and views/<feature>/… are one feature. */
function featureOf(file: string): string | null {
  if (compositionRoots.includes(file) || infrastructureFiles.includes(file)) return null;
  if (infrastructure.some((dir) => file.startsWith(`${dir}/`))) return null;
  const [top, feature] = file.split('/');
  return (top === 'src' || top === 'views') && feature && !feature.includes('.') ? feature : null;
}

let modules: IModule[] = [];
const imports = () =>
  modules.flatMap((m) =>
    m.dependencies
      .filter((d) => !d.coreModule && !d.resolved.startsWith('node_modules'))
      .map((d) => ({ from: m.source, to: d.resolved })),
  );

beforeAll(async () => {
  const result = await cruise(['src', 'views'], {
    baseDir: projectRoot,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    outputType: 'json',
  });
  const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  modules = output.modules as IModule[];
}, 60_000);

describe('the import rules', () => {
  it('when the sources are read, then every file of src and views is seen', () => {
    expect(modules.filter((m) => m.source.startsWith('src/')).length).toBeGreaterThan(150);
    expect(modules.filter((m) => m.source.startsWith('views/')).length).toBeGreaterThan(30);
  });

  it('when a view imports, then never the database, and from src only what is shared or its own feature’s', () => {
    const wrong = imports().filter(({ from, to }) => {
      if (!from.startsWith('views/') || !to.startsWith('src/')) return false;
      if (to.startsWith('src/db/')) return true;
      return !(to.startsWith('src/shared/') || featureOf(to) === featureOf(from));
    });
    expect(wrong).toEqual([]);
  });

  it('when the sync, the early sources or the matching engine imports, then never the workflow, incidents or the views', () => {
    const wrong = imports().filter(
      ({ from, to }) =>
        (from.startsWith('src/openfda/') ||
          from.startsWith('src/matching/') ||
          from.startsWith('src/sources/')) &&
        (to.startsWith('src/recalls/') || to.startsWith('src/incidents/') || to.startsWith('views/')),
    );
    expect(wrong).toEqual([]);
  });

  it('when shared code imports, then never a feature or a composition root', () => {
    const wrong = imports().filter(
      ({ from, to }) =>
        featureOf(from) === null &&
        !compositionRoots.includes(from) &&
        (featureOf(to) !== null || compositionRoots.includes(to)),
    );
    expect(wrong).toEqual([]);
  });

  it('when features import one another, then no feature depends on itself through another', () => {
    const next = new Map<string, Set<string>>();
    for (const { from, to } of imports()) {
      const a = featureOf(from);
      const b = featureOf(to);
      if (a && b && a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
    }
    const cycles: string[] = [];
    for (const start of next.keys()) {
      // A path back to `start` through other features is a cycle.
      const seen = new Set<string>();
      const walk = (feature: string, path: string[]) => {
        for (const to of next.get(feature) ?? []) {
          if (to === start) cycles.push([...path, to].join(' -> '));
          else if (!seen.has(to)) {
            seen.add(to);
            walk(to, [...path, to]);
          }
        }
      };
      walk(start, [start]);
    }
    expect(cycles).toEqual([]);
  });
});
