/**
 * Names as the owner writes them ("Rafael Sampaio de Rezende", given names
 * first) split into the parts citation formats want: given, particle, family.
 */
export interface NameParts {
  readonly given: string;
  /** A lowercase particle kept with the family name ("de", "van der"). */
  readonly particle?: string;
  readonly family: string;
}

const PARTICLES = new Set(['da', 'das', 'de', 'del', 'della', 'der', 'di', 'do', 'dos', 'du', 'la', 'le', 'ten', 'ter', 'van', 'von', 'zu']);

/** "Seong Joon Oh" → Seong Joon / Oh; "Rafael Sampaio de Rezende" → Rafael Sampaio / de / Rezende; "Hwang" → family only. */
export function splitName(name: string): NameParts {
  const parts = name.trim().split(/\s+/);
  const family = parts.pop() ?? name.trim();
  const particle: string[] = [];
  while (parts.length > 1 && PARTICLES.has(parts[parts.length - 1]!)) particle.unshift(parts.pop()!);
  return { given: parts.join(' '), ...(particle.length ? { particle: particle.join(' ') } : {}), family };
}
