import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import type { Project, TolkDocument } from '@tolk/contracts';
import { AuthService } from '../core/auth/auth.service';
import { CollabSession } from '../core/collab/collab-session';
import { errorStatus } from '../core/http/api-error';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { I18n } from '../core/i18n/i18n.service';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { CodesPanel } from '../coding/codes-panel';
import { CodingStore } from '../coding/coding.store';
import { CodingUi, type PanelTab } from '../coding/coding-ui';
import type { CodingView } from '../coding/coding-stripes';
import { CommentStore } from '../coding/comment.store';
import { CommentsPanel } from '../coding/comments-panel';
import { Notify } from '../core/notify.service';
import { allows } from '../projects/permissions';
import { ProjectsApi } from '../projects/projects.api';
import { AttributeChips } from '../shared/ui/attribute-chips';
import { Icon } from '../shared/ui/icon';
import { PresenceAvatars } from '../shared/ui/presence-avatars';
import { DocumentsApi } from './documents.api';
import { MatDialog } from '@angular/material/dialog';
import { confirm } from '../shared/ui/confirm-dialog';
import type { AnnotatedRange, ProtectOptions } from './protect-annotated-text';
import { type CodingShortcut, TranscriptEditor } from './transcript-editor';
import { countWords, transcriptLines } from './transcript-lines';
import { InboxStore } from '../together/inbox.store';
import { RecordingPanel } from '../recordings/recording-panel';
import { RecordingPlayer } from '../recordings/recording-player';
import { RECORDING_CONTENT_TYPES, RECORDING_EXTENSIONS } from '@tolk/contracts';
import { lineSpeaker } from './transcript-lines';
import { loadState } from '../shared/load-state';

/** How often at most the word count follows the live text (it splits the whole text). */
const COUNT_DELAY_MS = 400;
/** The static picture of the text draws this many lines at first: more than a screenful. */
const STATIC_FIRST_LINES = 120;
/** If the live text has not come by then, the static picture draws all of it (to read while offline). */
const STATIC_WHOLE_MS = 4000;

/**
 * A transcript, edited together. The REST answer gives the title and a first
 * picture of the text at once; the live Y.Doc replaces that picture when the
 * server has sent its state, and from then on edits flow both ways.
 */
@Component({
  selector: 'tolk-document-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTabsModule,
    MatTooltipModule,
    AttributeChips,
    CodesPanel,
    CommentsPanel,
    Icon,
    PresenceAvatars,
    RecordingPanel,
    TranscriptEditor,
    TranslocoDirective,
  ],
  // One set per page: the codebook, codings and comments of the open document.
  providers: [CodingStore, CommentStore, CodingUi, RecordingPlayer],
  templateUrl: './document.page.html',
  styleUrl: './document.page.scss',
})
export class DocumentPage {
  private readonly api = inject(DocumentsApi);
  private readonly projects = inject(ProjectsApi);
  private readonly auth = inject(AuthService);
  private readonly events = inject(ProjectEvents);
  private readonly router = inject(Router);
  private readonly pageTitle = inject(PageTitle);
  private readonly notify = inject(Notify);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);
  private readonly inbox = inject(InboxStore);
  protected readonly coding = inject(CodingStore);
  protected readonly comments = inject(CommentStore);
  protected readonly ui = inject(CodingUi);
  protected readonly recording = inject(RecordingPlayer);
  private readonly editor = viewChild(TranscriptEditor);
  private readonly codeButton = viewChild<ElementRef<HTMLButtonElement>>('codeButton');
  private readonly commentsPanel = viewChild(CommentsPanel);

  /** From the route (`documents/:documentId`). */
  readonly documentId = input.required<string>();
  /** `?comment=ID` (from a mention): open the comments on that thread. */
  readonly comment = input<string>();
  /** `?at=START-END` (from analysis): show that passage, tinted. UTF-16 offsets, as the api gives them. */
  readonly at = input<string>();

  protected readonly document = signal<TolkDocument | null>(null);
  protected readonly project = signal<Project | null>(null);
  protected readonly state = loadState<'missing' | 'deleted'>();
  protected readonly session = signal<CollabSession | null>(null);

  protected readonly codingViews: readonly { value: CodingView; label: TranslationKey }[] = [
    { value: 'both', label: 'coding.view.both' },
    { value: 'highlights', label: 'coding.view.highlights' },
    { value: 'stripes', label: 'coding.view.stripes' },
  ];

  /** Kept as text between lines, so copying a passage gives its line breaks. */
  protected readonly newline = '\n';
  /**
   * The static picture's lines: at first only the start, since the live text
   * replaces it within a moment, and laying out a 2-hour transcript only to
   * throw it away kept the page busy for a tenth of a second or more.
   */
  protected readonly lines = computed(() => {
    const lines = transcriptLines(this.document()?.text ?? '');
    return this.staticWhole() ? lines : lines.slice(0, STATIC_FIRST_LINES);
  });
  private readonly staticWhole = signal(false);
  private staticTimer: ReturnType<typeof setTimeout> | undefined;
  /** The live text, followed with a short delay, for the counts in the header. */
  private readonly liveText = signal<string | null>(null);
  private readonly text = computed(() => this.liveText() ?? this.document()?.text ?? '');
  /** Words give a researcher a better feel for size than characters. */
  protected readonly words = computed(() => countWords(this.text()));
  protected readonly characters = computed(() => this.text().length);

  protected readonly loaded = computed(() => this.session()?.loaded() ?? false);
  protected readonly connection = computed(() => this.session()?.connection() ?? 'connecting');
  protected readonly saved = computed(() => {
    const session = this.session();
    return !!session && session.synced() && session.connection() === 'connected';
  });
  protected readonly problem = computed(() => this.session()?.problem() ?? null);
  protected readonly peers = computed(() => this.session()?.peers() ?? []);
  /** The live connection ended and will not come back by itself. */
  protected readonly stopped = computed(() => {
    const problem = this.problem();
    return (
      problem === 'accessRevoked' || problem === 'sessionEnded' || problem === 'badMessage' || problem === 'tooLarge'
    );
  });
  private readonly lostAccess = computed(() => {
    const problem = this.problem();
    return problem === 'accessRevoked' || problem === 'sessionEnded';
  });
  protected readonly readOnly = computed(() => {
    const project = this.project();
    if (!project || this.lostAccess()) return true;
    return !allows(project, 'editText');
  });
  /** Say "Read only" once we know why; not while the project is still loading. */
  protected readonly showReadOnly = computed(() => this.readOnly() && (this.project() !== null || this.lostAccess()));
  protected readonly readOnlyReason = computed<TranslationKey>(() => {
    const role = this.project()?.role;
    if (role === 'viewer') return 'collab.readOnly.viewer';
    if (role === 'supervisor') return 'collab.readOnly.supervisor';
    return 'collab.readOnly.other';
  });
  protected readonly connectionKey = computed<TranslationKey>(() => {
    // "Offline, will be sent" would be a false promise after a final close.
    if (this.stopped()) return 'collab.disconnected';
    switch (this.connection()) {
      case 'connected':
        return 'collab.connected';
      case 'connecting':
        return 'collab.connecting';
      case 'offline':
        // Nothing can be edited before the live text has arrived once.
        return this.loaded() ? 'collab.offline' : 'collab.offlineBeforeLoad';
    }
  });
  protected readonly problemKey = computed<TranslationKey | null>(() => {
    switch (this.problem()) {
      case 'accessRevoked':
        return 'collab.problem.accessRevoked';
      case 'tooManyConnections':
        return 'collab.problem.tooManyConnections';
      case 'badMessage':
        return 'collab.problem.badMessage';
      case 'tooLarge':
        return 'collab.problem.tooLarge';
      case 'sessionEnded':
        return 'collab.problem.sessionEnded';
      default:
        return null;
    }
  });
  /** The text is writable for this role, so typing and single-key coding would clash: offer the mode switch. */
  protected readonly offerModes = computed(() => !this.readOnly() && this.coding.canCode());
  protected readonly editorReadOnly = computed(
    () => this.readOnly() || (this.offerModes() && this.ui.mode() === 'code'),
  );
  /** Typing changes the interview text: the page says so and frames the text. */
  protected readonly editing = computed(() => !this.editorReadOnly() && this.loaded() && !this.stopped());
  /** Deleting or replacing coded or commented words asks first (names what would be affected). */
  protected readonly protect: ProtectOptions = {
    ranges: () => {
      // Exact offsets, not those of the last scheduled resolution (see ResolveSchedule).
      this.coding.flushText();
      this.comments.flushText();
      return this.annotatedRanges();
    },
    ask: (hits) => {
      const codes = [...new Set(hits.filter((h) => h.kind === 'coding').map((h) => h.label))];
      const threads = hits.filter((h) => h.kind === 'comment').length;
      const what = [...codes, ...(threads ? [this.i18n.t('document.protect.comments', { count: threads })] : [])];
      return confirm(this.dialog, {
        title: 'document.protect.title',
        message: 'document.protect.message',
        confirm: 'document.protect.confirm',
        params: { what: what.join(', ') },
        destructive: true,
      });
    },
  };
  /** C, M and 1–9 act on the selection where typing cannot change the text. */
  protected readonly shortcuts = computed(
    () => this.editorReadOnly() && (this.coding.canCode() || this.comments.canComment()),
  );
  protected readonly selectionActions = computed(
    () => this.ui.selection() !== null && (this.coding.canCode() || this.comments.canComment()),
  );
  /** Focus is in the text or on its floating actions; elsewhere they would point at nothing visible. */
  protected readonly editorFocus = signal(false);
  protected readonly showSelectionActions = computed(
    () => this.selectionActions() && (this.editorFocus() || this.ui.picking() !== null),
  );
  protected readonly shortcutHint = computed<TranslationKey>(() =>
    this.coding.canCode() ? 'coding.shortcutHint' : 'coding.shortcutHintComment',
  );
  protected readonly canUploadRecording = computed(() => allows(this.project(), 'uploadRecordings'));
  protected readonly canDeleteRecording = computed(() => allows(this.project(), 'deleteRecordings'));
  protected readonly offerRecordingUpload = computed(
    () =>
      this.canUploadRecording() &&
      !this.recording.loading() &&
      !this.recording.info() &&
      this.recording.upload().phase === 'idle',
  );
  protected readonly showRecording = computed(
    () =>
      this.recording.info() !== null ||
      this.recording.upload().phase !== 'idle' ||
      (this.recording.unfinished() !== null && this.canUploadRecording()),
  );
  protected readonly recordingAccept = [...RECORDING_EXTENSIONS, ...RECORDING_CONTENT_TYPES].join(',');
  /** The speaker labels of the transcript, in order of appearance, for the time marks. */
  protected readonly speakers = computed(() => {
    const names = new Set<string>();
    for (const line of this.text().split('\n')) {
      const speaker = lineSpeaker(line);
      if (speaker) names.add(speaker.name);
      if (names.size >= 12) break;
    }
    return [...names];
  });
  protected readonly tabIndex = computed(() => (this.ui.tab() === 'codes' ? 0 : 1));
  protected readonly loginLink = computed(() => ({ returnUrl: `/documents/${this.documentId()}` }));

  /** Undoes what `open` set up: the live session and the project's events. */
  private teardown: (() => void) | null = null;

  /** The coded and commented passages (open threads) where they are in the text. */
  private annotatedRanges(): AnnotatedRange[] {
    return [
      ...this.coding
        .placed()
        .flatMap((p): AnnotatedRange[] =>
          p.status === 'ok'
            ? [{ id: p.coding.id, kind: 'coding', from: p.from, to: p.to, label: p.code?.name ?? '' }]
            : [],
        ),
      ...this.comments
        .open()
        .flatMap((p): AnnotatedRange[] =>
          p.status === 'ok' ? [{ id: p.thread.id, kind: 'comment', from: p.from, to: p.to, label: '' }] : [],
        ),
    ];
  }

  constructor() {
    effect(() => {
      const id = this.documentId();
      untracked(() => void this.load(id));
    });
    // A renewed access token goes to the provider for its next connect.
    effect(() => {
      const token = this.auth.accessToken();
      untracked(() => this.session()?.setToken(token));
    });
    // The server says "not found" for a document that is gone or not ours.
    effect(() => {
      const gone = goneFor(this.problem());
      if (gone) untracked(() => this.state.set(gone));
    });
    effect(() => {
      const project = this.project();
      const access = project ? { role: project.role, settings: project.settings } : null;
      untracked(() => {
        this.coding.access.set(access);
        this.comments.access.set(access);
      });
    });
    // The page's editor instance, for scrolling to passages and placing cards.
    effect(() => {
      this.ui.editor = this.editor() ?? null;
    });
    // A link to a comment opens its thread once the comments and the text are here.
    let shownComment: string | null = null;
    effect(() => {
      const id = this.comment();
      if (!id || id === shownComment || this.comments.state() !== 'ready' || !this.loaded()) return;
      shownComment = id;
      untracked(() => {
        this.ui.focusThread(id);
        void this.inbox.markThreadRead(id);
      });
    });
    // A link to a passage scrolls to it once the live text is here.
    let shownPassage: string | null = null;
    effect(() => {
      const at = this.at();
      const passage = at ? parsePassage(at) : null;
      if (!passage || at === shownPassage || !this.loaded()) return;
      shownPassage = at ?? null;
      untracked(() => this.ui.showPassage(passage));
    });
    // "Comment" on a selection: focus the box once the Comments tab is there.
    afterRenderEffect(() => {
      if (this.ui.composerRequest() === 0) return;
      this.commentsPanel()?.focusComposer();
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  protected onShortcut(command: CodingShortcut): void {
    this.ui.onShortcut(command, this.codeButton()?.nativeElement ?? null);
  }

  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    const wrap = event.currentTarget as HTMLElement;
    // A click on the page's background moves focus nowhere; keep the actions then.
    if (next instanceof Node && !wrap.contains(next)) this.editorFocus.set(false);
  }

  protected openPicker(): void {
    this.ui.openPicker(this.codeButton()?.nativeElement ?? null);
  }

  protected selectTab(index: number): void {
    const tab: PanelTab = index === 0 ? 'codes' : 'comments';
    this.ui.tab.set(tab);
    // A thread's passage stays tinted only while its thread is in view.
    if (tab === 'codes') this.ui.selectedThread.set(null);
  }

  protected openDocumentMemo(): void {
    const doc = this.document();
    if (!doc) return;
    this.ui.openMemo({
      target: { kind: 'document', id: doc.id },
      name: doc.title,
      canWrite: this.comments.canComment(),
    });
  }

  protected async onRecordingFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await this.recording.startUpload(file);
    if (this.recording.info()) this.notify.info('recording.uploaded');
  }

  /** The time mark the panel made, at the caret (a new turn). */
  protected insertTurn(mark: string): void {
    this.editor()?.insertTurn(mark);
  }

  protected openCodeMemo(code: { id: string; name: string }): void {
    this.ui.openMemo({ target: { kind: 'code', id: code.id }, name: code.name, canWrite: this.comments.canComment() });
  }

  protected async load(id = this.documentId()): Promise<void> {
    this.close();
    this.state.set('loading');
    // The live text does not wait for the REST answer: the route names the
    // document, and its connection (sign-in, the server's state) is most of
    // the wait before the text shows on a long transcript.
    const session = this.connect(id);
    // So are the codings and comments, which need only the document.
    if (session) {
      this.coding.prefetch(id);
      this.comments.prefetch(id);
    }
    try {
      const document = await this.api.get(id);
      if (id !== this.documentId()) return;
      this.document.set(document);
      this.staticTimer = setTimeout(() => this.staticWhole.set(true), STATIC_WHOLE_MS);
      this.pageTitle.setText(document.title);
      // The live connection opens before this answer: when it already said the document is gone
      // (4404, 4410), that stands, whatever the answer (a cached or racing one) says.
      this.state.set(goneFor(this.problem()) ?? 'ready');
      if (session) this.open(document, session);
      await Promise.all([
        this.loadProject(document.projectId),
        this.recording.load(document.id).catch(() => undefined),
      ]);
    } catch (err) {
      if (id !== this.documentId()) return;
      this.close();
      this.state.set(errorStatus(err) === 404 ? 'missing' : 'failed');
    }
  }

  protected reconnect(): void {
    this.session()?.reconnect();
  }

  /** Role and settings decide whether the text is editable here. */
  private async loadProject(projectId: string): Promise<void> {
    try {
      this.project.set(await this.projects.get(projectId));
    } catch (err) {
      // 404: no longer a member. The live connection says so too (4403/4404).
      if (errorStatus(err) === 404) this.project.set(null);
    }
  }

  /** The live text of a document, connecting at once (null when nobody is signed in). */
  private connect(documentId: string): CollabSession | null {
    const user = this.auth.user();
    if (!user) return null;
    const session = new CollabSession({
      documentId,
      user,
      token: this.auth.accessToken(),
      renewToken: async () => ((await this.auth.refresh()) ? this.auth.accessToken() : null),
    });
    this.session.set(session);
    return session;
  }

  private open(document: TolkDocument, session: CollabSession): void {
    const user = this.auth.user();
    if (!user) return;
    this.ui.rememberModeFor(user.id, document.id);
    this.ui.rememberLineNumbersFor(user.id);
    this.coding.documentTitle.set(document.title);

    // At most one recount per interval, also while someone types without pause.
    let countTimer: ReturnType<typeof setTimeout> | undefined;
    const follow = (): void => {
      countTimer ??= setTimeout(() => {
        countTimer = undefined;
        this.liveText.set(session.text.toString());
      }, COUNT_DELAY_MS);
    };
    session.text.observe(follow);

    const projectId = document.projectId;
    const leave = this.events.join(projectId);
    this.events.openDocument(projectId, document.id);
    const stops = [
      this.events.on('project:updated', (project) => {
        if (project.id !== projectId) return;
        this.project.update((current) => (current ? { ...current, ...project, role: current.role } : current));
      }),
      this.events.on('member:changed', (change) => {
        if (change.projectId === projectId && change.userId === this.auth.user()?.id) {
          void this.loadProject(projectId);
        }
      }),
      this.events.on('document:updated', (changed) => {
        if (changed.id !== document.id) return;
        this.document.update((current) =>
          current ? { ...current, title: changed.title, attributes: changed.attributes } : current,
        );
        this.pageTitle.setText(changed.title);
        this.coding.documentTitle.set(changed.title);
      }),
      this.events.on('document:deleted', ({ id }) => {
        if (id === document.id) this.state.set('deleted');
      }),
      this.events.on('mention', (mention) => {
        if (mention.by.id === this.auth.user()?.id) return;
        const here = mention.documentId.toLowerCase() === document.id.toLowerCase();
        this.notify.withAction(
          'comments.mentioned',
          'comments.show',
          () => {
            if (here) this.ui.focusThread(mention.commentId);
            else
              void this.router.navigate(['/documents', mention.documentId], {
                queryParams: { comment: mention.commentId },
              });
          },
          { name: mention.by.name },
        );
      }),
    ];
    const stopListening = this.recording.attachSession(session);
    const stopCoding = this.coding.start(projectId, document.id, session);
    const stopComments = this.comments.start(projectId, document.id, session);

    this.teardown = () => {
      stopListening();
      stopCoding();
      stopComments();
      clearTimeout(countTimer);
      for (const stop of stops) stop();
      this.events.openDocument(projectId, null);
      leave();
      session.text.unobserve(follow);
      session.destroy();
    };
  }

  private close(): void {
    // A connection made while the REST answer was still on its way has no teardown yet.
    if (this.teardown) this.teardown();
    else this.session()?.destroy();
    this.teardown = null;
    clearTimeout(this.staticTimer);
    this.staticWhole.set(false);
    this.session.set(null);
    this.liveText.set(null);
    this.project.set(null);
  }

  /** Keep the way back here when the session has ended. */
  protected async logInAgain(): Promise<void> {
    await this.router.navigate(['/login'], { queryParams: this.loginLink() });
  }
}

/** `START-END` as two offsets, or null when it is not that. */
/** What the page shows for the live connection's verdict on the document: gone, or nothing to say. */
function goneFor(problem: ReturnType<CollabSession['problem']> | null): 'missing' | 'deleted' | null {
  return problem === 'notFound' ? 'missing' : problem === 'deleted' ? 'deleted' : null;
}

function parsePassage(at: string): { from: number; to: number } | null {
  const match = /^(\d{1,9})-(\d{1,9})$/u.exec(at);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return from < to ? { from, to } : null;
}
