import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  type DocumentActivity,
  type DocumentSummary,
  may,
  type ProjectRole,
  type ProjectSettings,
} from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { userColor } from '../core/realtime/user-color';
import { AttributeChips } from '../shared/ui/attribute-chips';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { PresenceAvatars, type PresencePerson } from '../shared/ui/presence-avatars';
import { AddDocumentDialog, type AddDocumentData } from './add-document.dialog';
import { DocumentsApi } from './documents.api';
import { EditDocumentDialog } from './edit-document.dialog';
import { EraseDocumentDialog } from './erase-document.dialog';
import { InboxStore } from '../together/inbox.store';
import { TogetherApi } from '../together/together.api';
import { loadState } from '../shared/load-state';

/** The transcripts of one project, with the actions the caller's role allows. */
@Component({
  selector: 'tolk-documents-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatTooltipModule,
    AttributeChips,
    Icon,
    PresenceAvatars,
    TranslocoDirective,
  ],
  templateUrl: './documents-section.html',
  styleUrl: './documents-section.scss',
})
export class DocumentsSection {
  private readonly api = inject(DocumentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  private readonly events = inject(ProjectEvents);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  private readonly together = inject(TogetherApi);
  private readonly inbox = inject(InboxStore);

  readonly projectId = input.required<string>();
  readonly role = input.required<ProjectRole>();
  readonly settings = input<ProjectSettings>();

  protected readonly documents = signal<DocumentSummary[]>([]);
  protected readonly state = loadState();
  protected readonly canManage = computed(() => may(this.role(), 'manageDocuments', this.settings()));
  protected readonly canDelete = computed(() => may(this.role(), 'deleteDocuments', this.settings()));
  protected readonly canErase = computed(() => may(this.role(), 'eraseDocuments', this.settings()));
  protected readonly hasActions = computed(() => this.canManage() || this.canDelete() || this.canErase());
  protected readonly sorted = computed(() =>
    // "Informant 2" before "Informant 10": numeric collation.
    [...this.documents()].sort((a, b) => a.title.localeCompare(b.title, this.i18n.locale(), { numeric: true })),
  );

  /** Document id → who has it open now (socket.io presence of the project). */
  protected readonly openBy = computed(() => {
    const presence = this.presence();
    const me = this.auth.user()?.id;
    const byDocument = new Map<string, PresencePerson[]>();
    for (const user of presence()) {
      if (!user.documentId) continue;
      const people = byDocument.get(user.documentId) ?? [];
      // One person with the document open in two tabs is one avatar.
      if (people.some((p) => p.key === user.userId)) continue;
      people.push({ key: user.userId, name: user.name, color: userColor(user.userId).color, self: user.userId === me });
      byDocument.set(user.documentId, people);
    }
    return byDocument;
  });
  private readonly presence = computed(() => this.events.presence(this.projectId()));
  /** Document id → open threads, unread for me, last change (`…/documents/activity`). */
  private readonly activity = signal<ReadonlyMap<string, DocumentActivity>>(new Map());

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
    // Documents added, renamed or deleted by others appear without a reload.
    const mine = (event: { projectId?: string }): boolean =>
      event.projectId === undefined || event.projectId === this.projectId();
    const stops = [
      this.events.on('document:created', (created) => {
        if (!mine(created)) return;
        this.documents.update((list) => (list.some((d) => d.id === created.id) ? list : [...list, summary(created)]));
      }),
      this.events.on('document:updated', (changed) => {
        if (!mine(changed)) return;
        this.documents.update((list) => list.map((d) => (d.id === changed.id ? { ...d, ...summary(changed) } : d)));
      }),
      this.events.on('document:deleted', (deleted) => {
        if (!mine(deleted)) return;
        this.documents.update((list) => list.filter((d) => d.id !== deleted.id));
      }),
      // Comments and notifications change the counts beside each transcript.
      this.events.on('comment:created', (c) => mine(c) && this.scheduleActivity()),
      this.events.on('comment:updated', (c) => mine(c) && this.scheduleActivity()),
      this.events.on('comment:deleted', (c) => mine(c) && this.scheduleActivity()),
    ];
    effect(() => {
      this.inbox.unread();
      untracked(() => this.scheduleActivity());
    });
    inject(DestroyRef).onDestroy(() => stops.forEach((stop) => stop()));
  }

  protected activityOf(documentId: string): DocumentActivity | undefined {
    return this.activity().get(documentId);
  }

  protected when(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  private activityTimer: ReturnType<typeof setTimeout> | undefined;

  /** A burst of events asks once. */
  private scheduleActivity(): void {
    clearTimeout(this.activityTimer);
    this.activityTimer = setTimeout(() => void this.loadActivity(), 300);
  }

  private async loadActivity(projectId = this.projectId()): Promise<void> {
    try {
      const rows = await this.together.activity(projectId);
      if (projectId === this.projectId()) this.activity.set(new Map(rows.map((r) => [r.documentId, r])));
    } catch {
      // The counts are a convenience: the list itself stays.
    }
  }

  protected peopleIn(documentId: string): PresencePerson[] {
    return this.openBy().get(documentId) ?? [];
  }

  protected async load(projectId = this.projectId()): Promise<void> {
    const shown = await this.state.load(
      () => this.api.list(projectId),
      (documents) => this.documents.set(documents),
    );
    if (shown) void this.loadActivity(projectId);
  }

  protected async add(): Promise<void> {
    const ref = this.dialog.open<AddDocumentDialog, AddDocumentData, DocumentSummary>(AddDocumentDialog, {
      // Imported files show in the list at once, behind the dialog's summary.
      data: { projectId: this.projectId(), imported: (document) => this.addToList(document) },
      width: '44rem',
      maxWidth: '95vw',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (!created) return;
    this.addToList(created);
    this.notify.info('documents.added', { title: created.title });
  }

  private addToList(created: DocumentSummary): void {
    // The socket may have announced it already.
    this.documents.update((list) => (list.some((d) => d.id === created.id) ? list : [...list, summary(created)]));
  }

  protected async edit(document: DocumentSummary): Promise<void> {
    const ref = this.dialog.open<EditDocumentDialog, DocumentSummary, DocumentSummary>(EditDocumentDialog, {
      data: document,
      width: '36rem',
      maxWidth: '95vw',
    });
    const changed = await firstValueFrom(ref.afterClosed());
    if (!changed) return;
    this.documents.update((list) => list.map((d) => (d.id === changed.id ? { ...d, ...changed } : d)));
    this.notify.info('documents.saved');
  }

  protected async remove(document: DocumentSummary): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'documents.delete.title',
      message: 'documents.delete.message',
      confirm: 'documents.delete.confirm',
      params: { title: document.title },
      destructive: true,
    });
    if (!yes) return;
    try {
      await this.api.remove(document.id);
      this.documents.update((list) => list.filter((d) => d.id !== document.id));
      this.notify.info('documents.deleted', { title: document.title });
    } catch (err) {
      this.notify.error('documents.deleteFailed', err);
    }
  }

  /** Consent withdrawn: asks why, then erases it everywhere, snapshots included. */
  protected async erase(document: DocumentSummary): Promise<void> {
    const config = Object.assign(new MatDialogConfig<DocumentSummary>(), {
      data: document,
      role: 'alertdialog',
      width: '36rem',
      maxWidth: '95vw',
    });
    const ref = this.dialog.open<EraseDocumentDialog, DocumentSummary, boolean>(EraseDocumentDialog, config);
    if (!(await firstValueFrom(ref.afterClosed()))) return;
    this.documents.update((list) => list.filter((d) => d.id !== document.id));
    this.notify.info('documents.erase.done', { title: document.title });
  }
}

/** Only the summary's fields: events may carry more (the project id). */
function summary(document: DocumentSummary): DocumentSummary {
  return { id: document.id, title: document.title, length: document.length, attributes: document.attributes };
}
