/** Recognising the owner and the owner's co-authors in source author lists. */
import type { CanonicalCv } from '../canonical/cv-schema.ts';
import { sameName } from '../text/name-similarity.ts';
import { normalizeName } from '../text/normalize-name.ts';
import type { VersionAuthor } from './source-version.ts';

export class People {
  private readonly ownerForms: readonly string[];
  private readonly coauthors: readonly string[];
  private readonly ownerPid: string | undefined;

  constructor(cv: CanonicalCv, ownerPid: string | undefined, extraCoauthors: readonly string[] = []) {
    this.ownerForms = [cv.person.name, ...cv.person.nameVariants];
    this.ownerPid = ownerPid;
    const all = new Map<string, string>();
    for (const p of cv.publications) for (const a of p.authors) if (!a.owner && !this.isOwnerName(a.name)) all.set(normalizeName(a.name), a.name);
    for (const n of extraCoauthors) if (!this.isOwnerName(n)) all.set(normalizeName(n), n);
    this.coauthors = [...all.values()];
  }

  isOwnerName(name: string): boolean {
    return this.ownerForms.some((f) => sameName(f, name));
  }

  isOwner(a: VersionAuthor): boolean {
    return (this.ownerPid !== undefined && a.pid === this.ownerPid) || this.isOwnerName(a.name);
  }

  /** Co-authors of the canonical records (any spelling) found among these authors, as the source writes them. */
  sharedCoauthors(authors: readonly VersionAuthor[]): string[] {
    const found = new Set<string>();
    for (const a of authors) if (!this.isOwner(a) && this.coauthors.some((c) => sameName(c, a.name))) found.add(a.name);
    return [...found].sort();
  }
}
