import { Injectable } from '@nestjs/common';
import type { CodeProposal } from '@tolk/contracts';
import { Repo, type Tx } from '../database/transactions.js';
import { person } from '../codebook/codes.repository.js';
import { CodeProposalEntity } from './code-proposal.entity.js';

/** The fields a new proposal is stored with. */
export type NewCodeProposal = Pick<
  CodeProposalEntity,
  | 'projectId'
  | 'kind'
  | 'codeId'
  | 'intoCodeId'
  | 'name'
  | 'description'
  | 'parentId'
  | 'whenToUse'
  | 'whenNotToUse'
  | 'exampleCodingId'
  | 'exampleQuote'
  | 'note'
  | 'proposedById'
>;

interface ProposalRow {
  id: string;
  project_id: string;
  kind: CodeProposal['kind'];
  status: CodeProposal['status'];
  code_id: string | null;
  into_code_id: string | null;
  name: string | null;
  description: string | null;
  parent_id: string | null;
  when_to_use: string | null;
  when_not_to_use: string | null;
  example_coding_id: string | null;
  example_quote: string | null;
  note: string;
  proposed_by_id: string | null;
  proposed_by_name: string | null;
  created_at: Date;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  result_code_id: string | null;
}

const toProposal = (r: ProposalRow): CodeProposal => ({
  id: r.id,
  projectId: r.project_id,
  kind: r.kind,
  status: r.status,
  codeId: r.code_id,
  intoCodeId: r.into_code_id,
  name: r.name,
  description: r.description,
  parentId: r.parent_id,
  whenToUse: r.when_to_use,
  whenNotToUse: r.when_not_to_use,
  exampleCodingId: r.example_coding_id,
  exampleQuote: r.example_quote,
  note: r.note,
  proposedBy: person(r.proposed_by_id, r.proposed_by_name),
  createdAt: new Date(r.created_at).toISOString(),
  decidedBy: person(r.decided_by_id, r.decided_by_name),
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  resultCodeId: r.result_code_id,
});

const SELECT = `SELECT p.*, pb.name AS proposed_by_name, db.name AS decided_by_name
  FROM code_proposals p
  LEFT JOIN users pb ON pb.id = p.proposed_by_id
  LEFT JOIN users db ON db.id = p.decided_by_id`;

/** Every query of `code_proposals`. */
@Injectable()
export class CodeProposalsRepository extends Repo {
  /** A project's proposals, newest first. */
  async list(projectId: string, tx?: Tx): Promise<CodeProposal[]> {
    const rows: ProposalRow[] = await this.manager(tx).query(
      `${SELECT} WHERE p.project_id = $1 ORDER BY p.created_at DESC, p.id`,
      [projectId],
    );
    return rows.map(toProposal);
  }

  /** One proposal as answered, or null. */
  async read(id: string, tx?: Tx): Promise<CodeProposal | null> {
    const rows = await this.manager(tx).query<ProposalRow[]>(`${SELECT} WHERE p.id = $1`, [id]);
    return rows.length > 0 ? toProposal(rows[0]) : null;
  }

  /** A proposal locked for update until `tx` ends, or null. */
  lockById(id: string, tx: Tx): Promise<CodeProposalEntity | null> {
    return tx.findOne(CodeProposalEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(proposal: NewCodeProposal, tx: Tx): Promise<string> {
    const saved = await tx.save(tx.create(CodeProposalEntity, { ...proposal, status: 'open' }));
    return saved.id;
  }

  async save(proposal: CodeProposalEntity, tx: Tx): Promise<void> {
    await tx.save(proposal);
  }
}
