import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { TolkDocument } from '@tolk/contracts';
import { errorStatus } from '../core/http/api-error';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslatePipe } from '../core/i18n/t.pipe';
import { AttributeChips } from '../shared/ui/attribute-chips';
import { Icon } from '../shared/ui/icon';
import { DocumentsApi } from './documents.api';
import { transcriptLines } from './transcript-lines';

/**
 * A transcript, read-only for now (the live editor comes later). The text is
 * set for long reading: a serif face, a 70-character measure, generous
 * leading, and the transcriber's line breaks kept as they are.
 */
@Component({
  selector: 'tolk-document-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, AttributeChips, Icon, TranslatePipe],
  templateUrl: './document.page.html',
  styleUrl: './document.page.scss',
})
export class DocumentPage {
  private readonly api = inject(DocumentsApi);
  private readonly pageTitle = inject(PageTitle);

  /** From the route (`documents/:documentId`). */
  readonly documentId = input.required<string>();

  protected readonly document = signal<TolkDocument | null>(null);
  protected readonly state = signal<'loading' | 'ready' | 'missing' | 'failed'>('loading');
  /** Kept as text between lines, so copying a passage gives its line breaks. */
  protected readonly newline = '\n';
  protected readonly lines = computed(() => transcriptLines(this.document()?.text ?? ''));
  /** Words give a researcher a better feel for size than characters. */
  protected readonly words = computed(() => {
    const text = this.document()?.text ?? '';
    return text.split(/\s+/u).filter(Boolean).length;
  });

  constructor() {
    effect(() => {
      const id = this.documentId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id = this.documentId()): Promise<void> {
    this.state.set('loading');
    try {
      const document = await this.api.get(id);
      this.document.set(document);
      this.pageTitle.setText(document.title);
      this.state.set('ready');
    } catch (err) {
      this.state.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }
}
