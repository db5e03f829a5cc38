import { Injectable } from '@nestjs/common';
import type { CodingQueryResult, SavedQuery } from '@tolk/contracts';
import type { Actor } from '../platform/actor.js';
import { conflict, forbidden, notFound } from '../platform/domain-error.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { parseCoderSelection } from './coder-selection.js';
import { CodingQueryService } from './coding-query.service.js';
import type { SaveQueryDto, UpdateSavedQueryDto } from './dto/saved-query.dto.js';
import { SavedQueriesRepository } from './saved-queries.repository.js';

/**
 * Coding queries saved under a name (docs/api.md, «Saved queries»). Every
 * member sees a project's saved queries and may run them; running one
 * evaluates its stored definition on the codings as they are now, for the
 * caller (with blind coding on, a non-owner's own codings only), exactly as
 * `POST …/analysis/query` would. Members who may save (`saveQueries`) save;
 * a saved query is changed or deleted by whoever saved it, or an owner.
 */
@Injectable()
export class SavedQueriesService {
  constructor(
    private readonly saved: SavedQueriesRepository,
    private readonly access: ProjectAccessService,
    private readonly codingQueries: CodingQueryService,
  ) {}

  async list(actor: Actor, projectId: string): Promise<SavedQuery[]> {
    const { project } = await this.access.require(actor, projectId, 'read');
    return this.saved.list(project.id);
  }

  async create(actor: Actor, projectId: string, dto: SaveQueryDto): Promise<SavedQuery> {
    const { project } = await this.access.require(actor, projectId, 'saveQueries');
    const query = await this.codingQueries.validate(project.id, dto.query);
    if (await this.saved.nameTaken(project.id, dto.name)) throw nameTaken(dto.name);
    const id = await this.saved.insert({ projectId: project.id, name: dto.name, query, createdById: actor.userId });
    if (id === null) throw nameTaken(dto.name);
    return (await this.saved.read(id))!;
  }

  async update(actor: Actor, projectId: string, queryId: string, dto: UpdateSavedQueryDto): Promise<SavedQuery> {
    const current = await this.mayChange(actor, projectId, queryId);
    if (dto.name !== undefined && (await this.saved.nameTaken(current.projectId, dto.name, current.id)))
      throw nameTaken(dto.name);
    const change = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.query !== undefined ? { query: await this.codingQueries.validate(current.projectId, dto.query) } : {}),
    };
    if (Object.keys(change).length > 0 && !(await this.saved.update(current.id, change)))
      throw nameTaken(dto.name ?? current.name);
    return (await this.saved.read(current.id))!;
  }

  async delete(actor: Actor, projectId: string, queryId: string): Promise<void> {
    const current = await this.mayChange(actor, projectId, queryId);
    await this.saved.delete(current.id);
  }

  /** The query's results now: its definition evaluated on the current codings, for the caller (`coder` overrides its own). */
  async run(actor: Actor, projectId: string, queryId: string, coder?: unknown): Promise<CodingQueryResult[]> {
    const { project } = await this.access.require(actor, projectId, 'read');
    const saved = await this.read(project.id, queryId);
    // `?coder=` asks for other people's codings than the saved ones (the page's «Kodet av»).
    const { coders } = parseCoderSelection(coder, undefined);
    const query = coders.length > 0 ? { ...saved.query, coder: coders } : saved.query;
    return this.codingQueries.run(actor, project.id, query);
  }

  /** The project's saved query of that id, or 404. */
  private async read(projectId: string, queryId: string): Promise<SavedQuery> {
    const saved = await this.saved.read(queryId);
    if (!saved || saved.projectId !== projectId) throw notFound('Saved query');
    return saved;
  }

  /** The saved query, when the caller may save queries and saved this one or owns the project. */
  private async mayChange(actor: Actor, projectId: string, queryId: string): Promise<SavedQuery> {
    const access = await this.access.require(actor, projectId, 'saveQueries');
    const saved = await this.read(access.project.id, queryId);
    if (access.role !== 'owner' && saved.createdBy?.id !== actor.userId)
      throw forbidden('not_query_author', 'Only the person who saved this query, or an owner, may change it');
    return saved;
  }
}

const nameTaken = (name: string) =>
  conflict('query_name_taken', `The project has a saved query named ${name} already`, { name });
