import { inject, Injectable } from '@angular/core';
import { Notify } from '../core/notify.service';
import { AnalysisApi } from './analysis.api';

/**
 * «Kod alle treff»: codes every search hit of `q` with one code as one
 * batch and offers to take it back. The search page and the word list
 * («Kod alle forekomster») both code through this, so both say the same.
 */
@Injectable({ providedIn: 'root' })
export class CodeAllHits {
  private readonly api = inject(AnalysisApi);
  private readonly notify = inject(Notify);

  /** Codes the hits; resolves to how many were coded (null when it failed, which was said). */
  async run(projectId: string, q: string, codeId: string, codeLabel: string): Promise<number | null> {
    try {
      const done = await this.api.codeAll(projectId, q, codeId);
      this.notify.undoable(
        done.skipped > 0 ? 'analysis.search.codedSome' : 'analysis.search.coded',
        () => void this.undo(projectId, done.batchId),
        { count: done.created, skipped: done.skipped, code: codeLabel },
      );
      return done.created;
    } catch (err) {
      this.notify.error('analysis.search.codeFailed', err);
      return null;
    }
  }

  private async undo(projectId: string, batchId: string): Promise<void> {
    try {
      const undone = await this.api.undoCodeAll(projectId, batchId);
      this.notify.info('analysis.search.undone', { count: undone.deleted });
    } catch (err) {
      this.notify.error('analysis.search.undoFailed', err);
    }
  }
}
