import { Injectable } from '@nestjs/common';
import { characterAgreement, compareCoverage, disagreements, type SidedCoding } from '@tolk/agreement';
import {
  type AgreementDocuments,
  type AgreementDocumentView,
  type AgreementResult,
  canSeeCoding,
  type Coding,
  seesOnlyOwnCodings,
} from '@tolk/contracts';
import { toCoding } from '../codings/coding.js';
import { CodingsRepository } from '../codings/codings.repository.js';
import { CodingsService } from '../codings/codings.service.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { LiveDocuments } from '../realtime/collab/live-documents.service.js';
import type { Actor } from '../platform/actor.js';
import { conflict, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type ProjectAccess, ProjectAccessService } from '../projects/project-access.service.js';
import { coderSides, idList } from './id-list.js';

export interface AgreementQuery {
  coderA?: unknown;
  coderB?: unknown;
  documentId?: unknown;
  codeId?: unknown;
  documents?: unknown;
}

/** `documents=both` (the default) or `all`; anything else is a 400 naming the parameter. */
export function documentsChoice(value: unknown): AgreementDocuments {
  if (value === undefined || value === '' || value === 'both') return 'both';
  if (value === 'all') return 'all';
  throw invalid('invalid_filter', 'documents must be both or all', { field: 'documents' });
}

const BLIND = 'Blind coding is on: until the owner reveals the codings,';

/**
 * Intercoder agreement between two coders (or two groups) and settling
 * their differences. The figures come from `@tolk/agreement`; this service
 * decides who may see them and loads each request's codings in one query.
 *
 * Blind coding: the figures are counts, so the owner and the supervisor may
 * follow them while coding is blind; the side-by-side view shows the codings
 * themselves, so it follows the codings' own rule (only the owner until the
 * owner reveals them). After the reveal every member may read both.
 */
@Injectable()
export class AgreementService {
  constructor(
    private readonly codingRows: CodingsRepository,
    private readonly documents: DocumentsRepository,
    private readonly access: ProjectAccessService,
    private readonly codings: CodingsService,
    private readonly transcripts: LiveDocuments,
  ) {}

  async agreement(actor: Actor, projectId: string, query: AgreementQuery): Promise<AgreementResult> {
    const access = await this.access.require(actor, projectId, 'read');
    if (!this.access.allows(access, 'readAgreement'))
      throw forbidden('blind_coding', `${BLIND} agreement is for the owner and the supervisor`);
    const sides = coderSides(query);
    const mode = documentsChoice(query.documents);
    const documentIds = idList(query.documentId, 'documentId');
    const candidates = await this.documents.lengths(projectId, documentIds ?? null);
    if (documentIds && candidates.length !== documentIds.length) throw notFound('Document');
    // Offsets still waiting to follow an edit are brought up to date first (a no-op otherwise).
    await this.codings.refreshPending(candidates.map((d) => d.id));
    const rows = await this.codingRows.currentBy(projectId, [...sides.a, ...sides.b], documentIds ?? null);
    const sided = rows.map((r): SidedCoding => ({ ...r, side: sides.a.includes(r.createdBy) ? 'a' : 'b' }));
    // By default only the transcripts both sides coded (any code) count: a transcript one side never
    // opened is not a disagreement about it.
    const codedBy = (side: 'a' | 'b') => new Set(sided.filter((c) => c.side === side).map((c) => c.documentId));
    const [byA, byB] = [codedBy('a'), codedBy('b')];
    const documents = mode === 'all' ? candidates : candidates.filter((d) => byA.has(d.id) && byB.has(d.id));
    const result = characterAgreement(documents, sided);
    const figures = (f: (typeof result.perCode)[number] | typeof result) => ({
      units: f.units,
      percentAgreement: f.percentAgreement,
      cohensKappa: f.cohensKappa,
      krippendorffAlpha: f.krippendorffAlpha,
      table: f.table,
      prevalenceA: f.prevalenceA,
      prevalenceB: f.prevalenceB,
      percentAgreementCoded: f.percentAgreementCoded,
    });
    return {
      coderA: sides.a,
      coderB: sides.b,
      documents: mode,
      documentIds: documents.map((d) => d.id),
      ...figures(result),
      perCode: result.perCode.map((c) => ({ codeId: c.codeId, ...figures(c), documentIds: c.documentIds })),
    };
  }

  /** One document with both sides' codings and, per code, where exactly one side coded. */
  async documentView(actor: Actor, projectId: string, query: AgreementQuery): Promise<AgreementDocumentView> {
    const access = await this.access.require(actor, projectId, 'read');
    this.requireSeesAll(access);
    const sides = coderSides(query);
    const documentIds = idList(query.documentId, 'documentId', true);
    if (documentIds.length !== 1) throw invalid('one_document_required', 'documentId must name one document');
    const codeId = idList(query.codeId, 'codeId');
    const document = await this.documents.findInProject(documentIds[0], projectId);
    if (!document) throw notFound('Document');
    await this.codings.refreshPending([document.id]);
    const text = (await this.transcripts.currentText(document.id)) ?? document.text;
    const entities = await this.codingRows.currentInDocumentBy(document.id, [...sides.a, ...sides.b], codeId);
    const codings = entities.map((e) => ({
      ...toCoding(e),
      side: sides.a.includes(e.createdBy!) ? ('a' as const) : ('b' as const),
    }));
    const byCode = new Map<string, typeof codings>();
    for (const c of codings) byCode.set(c.codeId, [...(byCode.get(c.codeId) ?? []), c]);
    const codes = [...byCode].map(([id, list]) => {
      const live = list.filter((c) => !c.textDeleted);
      const { spans } = compareCoverage(
        live.filter((c) => c.side === 'a'),
        live.filter((c) => c.side === 'b'),
        text.length,
      );
      return {
        codeId: id,
        disagreements: disagreements(spans).map((s) => ({
          start: s.start,
          end: s.end,
          codedBy: s.a ? ('a' as const) : ('b' as const),
        })),
      };
    });
    return { documentId: document.id, title: document.title, text, coderA: sides.a, coderB: sides.b, codings, codes };
  }

  /**
   * Adjudication: the caller takes over another person's coding as their own,
   * a new coding with the same code and anchors, recorded (and broadcast) like
   * any coding the caller makes, so its history shows who settled it.
   */
  async adopt(actor: Actor, projectId: string, codingId: string): Promise<Coding> {
    const access = await this.access.require(actor, projectId, 'read');
    const source = isUuid(codingId) ? await this.codingRows.currentInProject(projectId, codingId.toLowerCase()) : null;
    // A coding the caller may not see is as missing as one that does not exist.
    if (!source || !canSeeCoding({ userId: actor.userId, role: access.role }, source, access.project.settings))
      throw notFound('Coding');
    this.access.check(access, 'code');
    if (source.createdBy === actor.userId) throw conflict('already_yours', 'This coding is already yours');
    if (source.textDeleted)
      throw conflict('text_deleted', 'The text of this coding was deleted; there is nothing to adopt');
    const twin = await this.codingRows.twin(source, actor.userId);
    if (twin)
      throw conflict('duplicate_coding', 'You already have this code on this very segment', { codingId: twin.id });
    return this.codings.create(actor, source.documentId, {
      codeId: source.codeId,
      startAnchor: source.startAnchor,
      endAnchor: source.endAnchor,
    });
  }

  private requireSeesAll(access: ProjectAccess): void {
    if (seesOnlyOwnCodings(access.role, access.project.settings))
      throw forbidden('blind_coding', `${BLIND} only the owner sees other people's codings`);
  }
}
