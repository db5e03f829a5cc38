import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { CodingBatchEntity } from './coding-batch.entity.js';

/** Every query of `coding_batches` ("code all hits", undoable as one); all inside the caller's transaction. */
@Injectable()
export class CodingBatchesRepository {
  insert(
    batch: Pick<CodingBatchEntity, 'projectId' | 'codeId' | 'query' | 'codingIds' | 'createdBy'>,
    tx: Tx,
  ): Promise<CodingBatchEntity> {
    return tx.save(tx.create(CodingBatchEntity, batch));
  }

  /** A batch of this project, locked for update until `tx` ends, or null. */
  lockInProject(projectId: string, id: string, tx: Tx): Promise<CodingBatchEntity | null> {
    return tx.findOne(CodingBatchEntity, { where: { id, projectId }, lock: { mode: 'pessimistic_write' } });
  }

  async markUndone(batch: CodingBatchEntity, tx: Tx): Promise<void> {
    batch.undoneAt = new Date();
    await tx.save(batch);
  }
}
