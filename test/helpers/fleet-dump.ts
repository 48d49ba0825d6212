/**
 * The synthetic department (fleet-builder.ts) as one dblp dataset, for the dump
 * path: every profile a person, every other author a person of their own (one
 * pid per name form, as dblp keeps them), every record once; plus, for the
 * profiles named, a namesake ("<name> 0002") with a paper of their own that
 * must never reach the profile.
 */
import { createHash } from 'node:crypto';
import type { DblpRecordSpec } from './dblp-builder.ts';
import type { Dataset, DatasetPerson } from './dblp-dump-builder.ts';
import type { Fleet } from './fleet-builder.ts';

const pidOfName = (name: string) => `${8000 + (createHash('md5').update(name).digest()[0]! % 90)}/${createHash('md5').update(name).digest().readUInt32BE(1)}`;

export interface FleetDataset {
  readonly dataset: Dataset;
  /** The namesakes' record keys, by the profile they must never reach. */
  readonly namesakeRecords: ReadonlyMap<string, string>;
}

export function fleetDataset(fleet: Fleet, namesakesOf: readonly string[] = []): FleetDataset {
  const pidByName = new Map<string, string>(fleet.profiles.map((p) => [p.input.cv.person.name, p.pid]));
  const persons = new Map<string, DatasetPerson>(fleet.profiles.map((p) => [p.pid, { pid: p.pid, forms: [p.input.cv.person.name], mdate: '2026-11-01' }]));
  const records = new Map<string, DblpRecordSpec>();
  const person = (name: string) => {
    let pid = pidByName.get(name);
    if (pid === undefined) {
      pid = pidOfName(name);
      pidByName.set(name, pid);
      persons.set(pid, { pid, forms: [name], mdate: '2026-11-01' });
    }
    return { name, pid };
  };
  for (const p of fleet.profiles) for (const r of p.dblpRecords) if (!records.has(r.key)) records.set(r.key, { ...r, authors: (r.authors ?? []).map((a) => person(a.name)) });
  const namesakeRecords = new Map<string, string>();
  for (const profile of namesakesOf) {
    const p = fleet.profiles.find((x) => x.input.profile === profile)!;
    const name = `${p.input.cv.person.name} 0002`;
    const ref = person(name);
    const key = `journals/other/${profile.replace(/\W/g, '')}26`;
    records.set(key, { type: 'article', key, mdate: '2026-10-01', authors: [ref, person('Zylbra Thywre')], titleXml: `Soil Chemistry of ${profile}.`, journal: 'Geoderma', volume: '1', year: 2026 });
    namesakeRecords.set(profile, key);
  }
  return { dataset: { persons: [...persons.values()], records: [...records.values()] }, namesakeRecords };
}
