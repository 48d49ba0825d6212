/** Recognising the owner and the owner's co-authors in source author lists. */
import type { CanonicalCv } from '../canonical/cv-schema.ts';
import { nameParts, sameName } from '../text/name-similarity.ts';
import { normalizeName } from '../text/normalize-name.ts';
import type { VersionAuthor } from './source-version.ts';

export class People {
  private readonly ownerForms: readonly string[];
  /** The owner's forms with given names written out ("Yi Li", not "Y. Li"). */
  private readonly fullForms: readonly string[];
  /** Canonical co-authors by blocking key (first letters of surname and given name): names are compared only within a block. */
  private readonly coauthors = new Map<string, string[]>();
  private readonly ownerPid: string | undefined;

  constructor(cv: CanonicalCv, ownerPid: string | undefined, extraCoauthors: readonly string[] = []) {
    this.ownerForms = [cv.person.name, ...cv.person.nameVariants];
    this.fullForms = this.ownerForms.filter((f) => !nameParts(f).initialsOnly);
    this.ownerPid = ownerPid;
    const all = new Map<string, string>();
    for (const p of cv.publications) for (const a of p.authors) if (!a.owner && !this.isOwnerName(a.name)) all.set(normalizeName(a.name), a.name);
    for (const n of extraCoauthors) if (!this.isOwnerName(n)) all.set(normalizeName(n), n);
    for (const n of all.values()) {
      const k = blockKey(n);
      const list = this.coauthors.get(k);
      if (list) list.push(n);
      else this.coauthors.set(k, [n]);
    }
  }

  private readonly ownerMemo = new Map<string, boolean>();
  private readonly coauthorMemo = new Map<string, boolean>();

  /**
   * Is this one of the owner's names? A name with its given names written out is
   * compared with the owner's full forms only: an initials form ("Y. Li") is
   * evidence only when the full form does not contradict it ("Ye Liu", "Yun Lin"
   * share the initials, not the name).
   */
  isOwnerName(name: string): boolean {
    let yes = this.ownerMemo.get(name);
    if (yes === undefined) {
      const forms = nameParts(name).initialsOnly || this.fullForms.length === 0 ? this.ownerForms : this.fullForms;
      yes = forms.some((f) => sameName(f, name));
      this.ownerMemo.set(name, yes);
    }
    return yes;
  }

  /** Is this (any spelling of) a co-author from the canonical records? Memoised per written name. */
  private isCoauthorName(name: string): boolean {
    let yes = this.coauthorMemo.get(name);
    if (yes === undefined) {
      yes = (this.coauthors.get(blockKey(name)) ?? []).some((c) => sameName(c, name));
      this.coauthorMemo.set(name, yes);
    }
    return yes;
  }

  /** The owner: by dblp pid when both are known (another pid is another person), else by name. */
  isOwner(a: VersionAuthor): boolean {
    if (this.ownerPid !== undefined && a.pid !== undefined) return a.pid === this.ownerPid;
    return this.isOwnerName(a.name);
  }

  /** One of the names the owner lists for themself (cv.json person.name and nameVariants), exactly as listed (spacing aside). */
  isListedOwnerForm(name: string): boolean {
    const n = name.trim().replace(/\s+/g, ' ');
    return this.ownerForms.some((f) => f.trim().replace(/\s+/g, ' ') === n);
  }

  /** Co-authors of the canonical records (any spelling) found among these authors, as the source writes them. */
  sharedCoauthors(authors: readonly VersionAuthor[]): string[] {
    const found = new Set<string>();
    for (const a of authors) {
      if (this.isCoauthorName(a.name) && !this.isOwner(a)) found.add(a.name);
    }
    return [...found].sort();
  }
}

/**
 * Names that can be the same person share the consonants of the surname
 * (romanisations differ in vowels: Choi/Choe) and the first letter of the
 * given name (or initial).
 */
function blockKey(name: string): string {
  const p = nameParts(name);
  return `${p.surname.replace(/[aeiouy]/g, '') || p.surname}|${p.given[0] ?? p.initials[0] ?? ''}`;
}
