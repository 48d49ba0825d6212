/**
 * Names as the owner writes them ("Rafael Sampaio de Rezende", given names
 * first; or inverted, "Yun, Sangdoo" and "King, Jr., Martin", as BibTeX and
 * many sources write them) split into the parts citation formats want:
 * given, particle, family, suffix.
 */
export interface NameParts {
  readonly given: string;
  /** A lowercase particle kept with the family name ("de", "van der"). */
  readonly particle?: string;
  readonly family: string;
  /** "Jr.", "III": only from an inverted name with two commas ("King, Jr., Martin"). */
  readonly suffix?: string;
}

const PARTICLES = new Set(['da', 'das', 'de', 'del', 'della', 'der', 'di', 'do', 'dos', 'du', 'la', 'le', 'ten', 'ter', 'van', 'von', 'zu']);

/** Leading lowercase particles of a family part written first ("van der Berg" → van der / Berg). */
function particleFirst(familyPart: string): { particle?: string; family: string } {
  const words = familyPart.split(/\s+/).filter(Boolean);
  const particle: string[] = [];
  while (words.length > 1 && PARTICLES.has(words[0]!)) particle.push(words.shift()!);
  return { ...(particle.length ? { particle: particle.join(' ') } : {}), family: words.join(' ') };
}

/**
 * "Seong Joon Oh" → Seong Joon / Oh; "Rafael Sampaio de Rezende" → Rafael Sampaio / de / Rezende; "Hwang" → family only;
 * "Yun, Sangdoo" → Sangdoo / Yun; "de Rezende, Rafael" → Rafael / de / Rezende; "King, Jr., Martin" → Martin / King / Jr.
 */
export function splitName(name: string): NameParts {
  const commaParts = name.split(',').map((p) => p.trim());
  if (commaParts.length === 2 || commaParts.length === 3) {
    const [familyPart, second, third] = commaParts as [string, string, string | undefined];
    const given = third === undefined ? second : third;
    const suffix = third === undefined ? '' : second;
    if (familyPart !== '' && given !== '') {
      return { given, ...particleFirst(familyPart), ...(suffix ? { suffix } : {}) };
    }
  }
  const parts = name.trim().split(/\s+/);
  const family = parts.pop() ?? name.trim();
  const particle: string[] = [];
  while (parts.length > 1 && PARTICLES.has(parts[parts.length - 1]!)) particle.unshift(parts.pop()!);
  return { given: parts.join(' '), ...(particle.length ? { particle: particle.join(' ') } : {}), family };
}
