/**
 * Renders canonical records back into the CV's own Markdown format. Used to
 * prove nothing of the CV was lost, and as a readable export of the records.
 */
import type { CanonicalCv, CanonicalPublication, CanonicalTalk } from '../../src/canonical/cv-schema.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Song Park*, Sanghyuk Chun*, Junbum Cha" */
export function renderAuthorList(pub: CanonicalPublication): string {
  return pub.authors.map((a) => `${a.name}${a.equalContribution ? '*' : ''}`).join(', ');
}

/** A title followed by the CV's separator: a period unless the title already ends a sentence. */
function sentence(title: string): string {
  return /[.?!]$/.test(title) ? title : `${title}.`;
}

/** "[AAAI'21] Few-shot Font Generation …. Song Park*, Sanghyuk Chun*, …" */
export function renderPublicationEntry(pub: CanonicalPublication): string {
  return `[${pub.venue}] ${sentence(pub.title)} ${renderAuthorList(pub)}`;
}

/** "\"Reliable Machine Learning in NAVER AI\", Yonsei University (2020)." */
export function renderTalkEntry(talk: CanonicalTalk): string {
  const year = talk.yearInLabel === false ? '' : ` (${talk.year})`;
  return `"${talk.title}", ${talk.event}${year}.`;
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}, ${y}`;
}

export interface CvSection {
  readonly heading: string;
  readonly lines: string[];
}

/** The CV as sections of lines, in the seed's order and wording. */
export function renderCvSections(cv: CanonicalCv): CvSection[] {
  const p = cv.person;
  const peer = cv.publications.filter((x) => x.kind !== 'preprint');
  const preprints = cv.publications.filter((x) => x.kind === 'preprint');
  const eq = '* indicates equal contribution.';
  return [
    {
      heading: p.name.toUpperCase(),
      lines: [
        ...(p.headline ? [p.headline] : []),
        ...(p.email ? [`Email: ${p.email}`] : []),
        ...(p.homepage ? [`Homepage: ${p.homepage}`] : []),
        ...(cv.asOf ? [`(Last update: ${formatDate(cv.asOf)})`] : []),
      ],
    },
    { heading: 'RESEARCH INTERESTS', lines: p.researchInterests ? [p.researchInterests] : [] },
    { heading: 'ACADEMIC PAPERS (PEER-REVIEWED CONFERENCES AND WORKSHOPS)', lines: [eq, ...peer.map(renderPublicationEntry)] },
    { heading: 'ACADEMIC PAPERS (PREPRINTS)', lines: [eq, ...preprints.map(renderPublicationEntry)] },
    { heading: 'RESEARCH PRESENTATIONS', lines: cv.talks.map(renderTalkEntry) },
    {
      heading: 'ACADEMIC ACTIVITIES',
      lines: cv.activities.reviewing.length
        ? [`Reviewer ${cv.activities.reviewing.map((r) => (r.note ? `${r.venue} (${r.note})` : r.venue)).join(', ')}.`]
        : [],
    },
    { heading: 'AWARDS', lines: cv.awards.map((a) => `- ${a.title}${a.context ? ` (${a.context})` : ''}`) },
    {
      heading: 'WORK & RESEARCH EXPERIENCES',
      lines: cv.experience.flatMap((e) => [
        `${e.organization} ${e.start} - ${e.end}${e.location ? ` ${e.location}` : ''}`,
        e.role,
        ...e.highlights.map((h) => `- ${h}`),
      ]),
    },
    { heading: 'Internship experiences', lines: cv.internships.map((i) => `- ${i.text}`) },
    { heading: 'LANGUAGE PROFICIENCY', lines: cv.languages.map((l) => `- ${l.language} (${l.proficiency})`) },
    {
      heading: 'EDUCATION',
      lines: cv.education.flatMap((e) => [
        `${e.degree} from ${e.institution}.${e.advisor ? ` (Advisor: ${e.advisor})` : ''} (${e.start} - ${e.end})`,
        ...(e.thesis ? [`Thesis: ${e.thesis}`] : []),
      ]),
    },
  ].filter((s) => s.lines.length > 0);
}

/** The whole CV as Markdown. */
export function renderCvMarkdown(cv: CanonicalCv): string {
  return renderCvSections(cv)
    .map((s, i) => `${i === 0 ? '#' : '##'} ${s.heading}\n\n${s.lines.map(escapeMarkdown).join('\n\n')}\n`)
    .join('\n');
}

function escapeMarkdown(line: string): string {
  return line.replace(/\*/g, '\\*');
}
