import { Injectable } from '@nestjs/common';
import { Repo, type Tx } from '../database/transactions.js';
import { PseudonymListEntity } from './pseudonym-list.entity.js';

/** Every query of `pseudonym_lists` (one sealed key list per project). */
@Injectable()
export class PseudonymListsRepository extends Repo {
  find(projectId: string, tx?: Tx): Promise<PseudonymListEntity | null> {
    return this.manager(tx).findOneBy(PseudonymListEntity, { projectId });
  }

  async save(row: { projectId: string; nonce: Buffer; ciphertext: Buffer; updatedBy: string }, tx?: Tx): Promise<void> {
    await this.manager(tx).getRepository(PseudonymListEntity).save(row);
  }

  /** True when there was a list to delete. */
  async delete(projectId: string): Promise<boolean> {
    const result = await this.manager().delete(PseudonymListEntity, { projectId });
    return (result.affected ?? 0) > 0;
  }
}
