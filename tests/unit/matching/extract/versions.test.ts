import { describe, expect, it } from 'vitest';
import { compareVersions, recallIdentifiers, versionAffected } from '../../../../src/matching/extract';

const versionsIn = (productDescription: string) => recallIdentifiers({ productDescription }).softwareVersions;

describe('compareVersions', () => {
  it('when dotted numbers differ, then they compare as numbers, not as text', () => {
    expect(compareVersions('9.12', '9.5')).toBe(1);
    expect(compareVersions('v2.0.7', '2.0.10')).toBe(-1);
    expect(compareVersions('2.0', '2.0.0')).toBe(0);
    expect(compareVersions('A.07.05.22', 'A.7.5.22')).toBe(0);
  });

  it('when versions carry letters, then a letter suffix comes after the bare version', () => {
    expect(compareVersions('VA10A', 'VA10B')).toBe(-1);
    expect(compareVersions('VA10', 'VA10A')).toBe(-1);
    expect(compareVersions('VB20', 'VA48A')).toBe(1);
  });

  it('when a version has wildcards, then they match any value', () => {
    expect(compareVersions('3.0.5.1', '3.0.x.x')).toBe(0);
    expect(compareVersions('3.1', '3.0.x.x')).toBe(1);
  });

  it('when versions are of different make, then they cannot be compared', () => {
    expect(compareVersions('VC10', '10.2')).toBeNull();
    expect(compareVersions('', '1.0')).toBeNull();
  });
});

describe('reading versions from text', () => {
  it('when a version is named plainly or in a list, then each is exact', () => {
    expect(versionsIn('Infusion pump with software version 9.12')).toEqual([
      { version: '9.12', qualifier: 'exact' },
    ]);
    expect(versionsIn('Scanner, software versions VA10A, VA10B or VA11').map((v) => v.version)).toEqual([
      'VA10A',
      'VA10B',
      'VA11',
    ]);
    expect(versionsIn('Workstation v4.1.3/4.1.4 software').map((v) => v.version)).toEqual(['4.1.3', '4.1.4']);
  });

  it('when a bound follows the version, then it is or-earlier or or-later', () => {
    expect(versionsIn('Monitor with v2.0.7 or earlier software')).toEqual([
      { version: '2.0.7', qualifier: 'or-earlier' },
    ]);
    expect(versionsIn('System Software Version 3.2 and below; IVD')).toEqual([
      { version: '3.2', qualifier: 'or-earlier' },
    ]);
    expect(versionsIn('Generator, software version 1.61 or greater or G400 generator')).toEqual([
      { version: '1.61', qualifier: 'or-later' },
    ]);
  });

  it('when a bound comes before the version, then an exclusive bound is marked', () => {
    expect(versionsIn('Pump with firmware version prior to Revision 3.02')).toEqual([
      { version: '3.02', qualifier: 'or-earlier', exclusive: true },
    ]);
    expect(versionsIn('Console (up to version 3.3.0.0)')).toEqual([
      { version: '3.3.0.0', qualifier: 'or-earlier' },
    ]);
    expect(versionsIn('Cardiograph, software revisions up to and including A.07.05.22')).toEqual([
      { version: 'A.07.05.22', qualifier: 'or-earlier' },
    ]);
  });

  it('when two versions are joined by through, to or between … and, then they are a range', () => {
    expect(versionsIn('Chart application v 8.0 through 8.9')).toEqual([
      { version: '8.0', qualifier: 'range', upTo: '8.9' },
    ]);
    expect(versionsIn('Analyzer software versions between 2.1 and 2.4')).toEqual([
      { version: '2.1', qualifier: 'range', upTo: '2.4' },
    ]);
  });

  it('when a version is the fix, not the fault, then it is not read', () => {
    const fields = {
      reasonForRecall: 'The firm will update affected units to software version 4.5.5 to correct the issue.',
    };
    expect(recallIdentifiers(fields).softwareVersions).toEqual([]);
    expect(
      recallIdentifiers({ reasonForRecall: 'The firm released software update V1.6 (also V1.6.0).' })
        .softwareVersions,
    ).toEqual([]);
  });

  it('when a suffix such as Beta 2 follows a version, then it is not a version of its own', () => {
    expect(versionsIn('CT scanner with version 4.0 Beta 2 software').map((v) => v.version)).toEqual(['4.0']);
  });
});

describe('versionAffected', () => {
  it('when an asset runs a listed version or a release of it, then it is affected', () => {
    const mentions = [{ version: '9.12', qualifier: 'exact' as const }];
    expect(versionAffected(mentions, '9.12')).toBe('yes');
    expect(versionAffected(mentions, 'v9.12.3')).toBe('yes');
    expect(versionAffected(mentions, '9.5')).toBe('no');
    expect(versionAffected(mentions, '9.120')).toBe('no');
  });

  it('when a recall names VA10A and VA10B, then VA10 and VA11 are not affected', () => {
    const mentions = [
      { version: 'VA10A', qualifier: 'exact' as const },
      { version: 'VA10B', qualifier: 'exact' as const },
    ];
    expect(versionAffected(mentions, 'VA10B')).toBe('yes');
    expect(versionAffected(mentions, 'VA10')).toBe('no');
    expect(versionAffected(mentions, 'VA11')).toBe('no');
  });

  it('when a bound is inclusive or exclusive, then the bound version itself follows it', () => {
    expect(versionAffected([{ version: '2.0.7', qualifier: 'or-earlier' }], '2.0.7')).toBe('yes');
    expect(versionAffected([{ version: '2.0.7', qualifier: 'or-earlier' }], '2.1')).toBe('no');
    expect(versionAffected([{ version: '7.21', qualifier: 'or-earlier', exclusive: true }], '7.21')).toBe(
      'no',
    );
    expect(versionAffected([{ version: '7.21', qualifier: 'or-earlier', exclusive: true }], '7.20')).toBe(
      'yes',
    );
    expect(versionAffected([{ version: '3.0.x.x', qualifier: 'or-later' }], '3.0.2.1')).toBe('yes');
    expect(versionAffected([{ version: '3.0.x.x', qualifier: 'or-later' }], '2.9')).toBe('no');
  });

  it('when a range is named, then its ends are included', () => {
    const mentions = [{ version: '8.0', qualifier: 'range' as const, upTo: '8.9' }];
    expect(versionAffected(mentions, '8.0')).toBe('yes');
    expect(versionAffected(mentions, '8.9.2')).toBe('yes');
    expect(versionAffected(mentions, '8.10')).toBe('no');
  });

  it('when no version is named or the versions cannot be compared, then the answer is unknown', () => {
    expect(versionAffected([], '1.0')).toBe('unknown');
    expect(versionAffected([{ version: 'VC10', qualifier: 'exact' }], '10.2')).toBe('unknown');
    expect(versionAffected([{ version: '1.0', qualifier: 'exact' }], ' ')).toBe('unknown');
  });
});
