/**
 * The published profile (public/<profile>/profile.json): what the website reads.
 * The schema only grows: new fields are optional, nothing is renamed or removed
 * within a schemaVersion. schemas/profile.schema.json is generated from here.
 */
import * as z from 'zod/v4';
import { OWNER_LINK_KINDS, PUBLICATION_KINDS } from '../canonical/cv-schema.ts';

const ownerLinkFields = Object.fromEntries(OWNER_LINK_KINDS.map((k) => [k, z.string().optional().describe(`The owner's ${k} link.`)])) as Record<(typeof OWNER_LINK_KINDS)[number], z.ZodOptional<z.ZodString>>;

export const PROFILE_SCHEMA_VERSION = 1;

const provenance = z
  .strictObject({
    source: z.enum(['arxiv', 'dblp']).describe('Source that supplied the value.'),
    recordId: z.string().describe('The record within the source: arXiv ID with version, or dblp key.'),
    fetchedAt: z.string().optional().describe('ISO time the value was fetched from the source (for replayed data: when it was captured; for dblp read from its daily dump: the dump\'s date). Absent when nobody knows, as for data replayed from an assembled recording: then `capture` says so.'),
    capture: z.string().optional().describe('For replayed data: "replayed" (fetchedAt is the capture time) or "replayed, capture time unknown"; for dblp read from its daily dump: "from the daily dump" (fetchedAt is the dump\'s date).'),
  })
  .describe('Where an enriched value came from.');

export const publishedAuthor = z.strictObject({
  name: z.string().describe('Name as the owner writes it.'),
  isOwner: z.boolean().describe('True for the profile owner; websites typically bold this author.'),
  equalContribution: z.boolean().describe('True where the owner marks equal contribution (render as *).'),
});

export const publishedVersion = z
  .strictObject({
    kind: z.enum(['preprint', 'corr', 'published']).describe('preprint = arXiv, corr = dblp informal record (CoRR, IACR ePrint, …), published = venue record.'),
    source: z.enum(['arxiv', 'dblp']),
    recordId: z.string(),
    title: z.string(),
    year: z.int().optional(),
    venue: z.string().optional(),
    url: z.string().optional(),
  })
  .describe('Another record of the same work, linked (never a duplicate entry).');

export const publishedWork = z.strictObject({
  id: z.string().describe('Stable id of the work; survives title changes. Use it as an anchor or key.'),
  status: z
    .enum(['canonical', 'accepted', 'candidate'])
    .describe('canonical = from the owner\'s CV; accepted = found by a source and accepted by the owner; candidate = unreviewed (published only if the profile allows it).'),
  title: z.string(),
  authors: z.array(publishedAuthor).describe('In order.'),
  ownerPosition: z.int().min(1).optional().describe('1-based position of the owner in authors.'),
  hasEqualContribution: z.boolean().describe('True when any author carries an equal-contribution mark.'),
  venue: z.string().describe('Venue label as the owner writes it, e.g. "ICCV\'19".'),
  year: z.int(),
  kind: z.enum(PUBLICATION_KINDS),
  section: z.enum(['peer-reviewed', 'preprint']).describe('Which list the CV puts it in.'),
  ids: z
    .strictObject({ arxiv: z.string().optional(), doi: z.string().optional(), dblp: z.string().optional() })
    .describe('External identifiers: owner-written or enriched (see provenance).'),
  links: z
    .strictObject({
      abstract: z.string().optional().describe('arXiv abstract page.'),
      pdf: z.string().optional().describe('arXiv PDF.'),
      doi: z.string().optional().describe('https://doi.org/… of the published paper.'),
      dblp: z.string().optional().describe('dblp record page.'),
      ...ownerLinkFields,
    })
    .describe('Ready-made links for the website: abstract, pdf, doi and dblp from the sources; code, slides, video, poster, project and blog as the owner wrote them.'),
  abstract: z.string().optional(),
  arxivVersion: z.int().min(1).optional().describe('Latest arXiv version seen.'),
  arxivCategory: z.string().optional().describe('Primary arXiv category of the preprint (e.g. "cs.CV"), when the source gave it.'),
  selected: z.literal(true).optional().describe('The owner marks this work as selected (show it on a short list).'),
  preview: z.string().optional().describe('Preview image as the owner gave it: a file name (e.g. "cutmix.png") or an https:// URL.'),
  award: z.string().optional().describe('An award or distinction, as the owner writes it (e.g. "Oral presentation").'),
  annotation: z.string().optional().describe('A remark the owner shows with the work.'),
  firstSubmitted: z.string().optional().describe('arXiv v1 submission date (ISO).'),
  versions: z.array(publishedVersion).describe('Linked records of this work in the sources.'),
  provenance: z.record(z.string(), provenance).describe('For each enriched field (e.g. "ids.arxiv", "links.pdf"), where it came from.'),
});

export const publishedTalk = z.strictObject({
  id: z.string(),
  title: z.string(),
  event: z.string(),
  year: z.int(),
});

export const publishedProfile = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
    profile: z.string().describe('Profile id.'),
    generatedAt: z.string().describe('ISO time of the run that produced this file.'),
    runId: z.string().describe('Id of that run (reports/<profile>/<runId>/ holds its report).'),
    person: z.strictObject({
      name: z.string(),
      headline: z.string().optional(),
      affiliation: z.string(),
      email: z.string().optional(),
      homepage: z.string().optional(),
      researchInterests: z.string().optional(),
    }),
    publications: z.array(publishedWork).describe('Newest first by year; within a year in the owner\'s CV order.'),
    talks: z.array(publishedTalk),
    reviewing: z.array(z.strictObject({ venue: z.string(), note: z.string().optional() })),
    awards: z.array(z.strictObject({ title: z.string(), context: z.string().optional(), year: z.int().optional() })),
    experience: z.array(
      z.strictObject({
        id: z.string(),
        organization: z.string(),
        role: z.string(),
        location: z.string().optional(),
        start: z.string(),
        end: z.string(),
        highlights: z.array(z.string()),
      }),
    ),
    education: z.array(
      z.strictObject({
        id: z.string(),
        degree: z.string(),
        institution: z.string(),
        advisor: z.string().optional(),
        start: z.string(),
        end: z.string(),
        thesis: z.string().optional(),
      }),
    ),
    internships: z.array(z.string()),
    languages: z.array(z.strictObject({ language: z.string(), proficiency: z.string() })),
  })
  .describe('A researcher\'s published profile (profile-sync).');

export type PublishedProfile = z.infer<typeof publishedProfile>;
export type PublishedWork = z.infer<typeof publishedWork>;
