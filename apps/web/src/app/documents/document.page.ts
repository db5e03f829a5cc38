import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { Project, TolkDocument } from '@tolk/contracts';
import { AuthService } from '../core/auth/auth.service';
import { CollabSession } from '../core/collab/collab-session';
import { errorStatus } from '../core/http/api-error';
import type { TranslationKey } from '../core/i18n/en';
import { PageTitle } from '../core/i18n/page-title.service';
import { TranslatePipe } from '../core/i18n/t.pipe';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { canEditText } from '../projects/permissions';
import { ProjectsApi } from '../projects/projects.api';
import { AttributeChips } from '../shared/ui/attribute-chips';
import { Icon } from '../shared/ui/icon';
import { PresenceAvatars } from '../shared/ui/presence-avatars';
import { DocumentsApi } from './documents.api';
import { TranscriptEditor } from './transcript-editor';
import { transcriptLines } from './transcript-lines';

type LoadState = 'loading' | 'ready' | 'missing' | 'deleted' | 'failed';

/** How often at most the word count follows the live text (it splits the whole text). */
const COUNT_DELAY_MS = 400;

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
    MatProgressBarModule,
    AttributeChips,
    Icon,
    PresenceAvatars,
    TranscriptEditor,
    TranslatePipe,
  ],
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
  private readonly injector = inject(Injector);

  /** From the route (`documents/:documentId`). */
  readonly documentId = input.required<string>();

  protected readonly document = signal<TolkDocument | null>(null);
  protected readonly project = signal<Project | null>(null);
  protected readonly state = signal<LoadState>('loading');
  protected readonly session = signal<CollabSession | null>(null);

  /** Kept as text between lines, so copying a passage gives its line breaks. */
  protected readonly newline = '\n';
  protected readonly lines = computed(() => transcriptLines(this.document()?.text ?? ''));
  /** The live text, followed with a short delay, for the counts in the header. */
  private readonly liveText = signal<string | null>(null);
  private readonly text = computed(() => this.liveText() ?? this.document()?.text ?? '');
  /** Words give a researcher a better feel for size than characters. */
  protected readonly words = computed(() => this.text().split(/\s+/u).filter(Boolean).length);
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
    return problem === 'accessRevoked' || problem === 'sessionEnded' || problem === 'badMessage';
  });
  private readonly lostAccess = computed(() => {
    const problem = this.problem();
    return problem === 'accessRevoked' || problem === 'sessionEnded';
  });
  protected readonly readOnly = computed(() => {
    const project = this.project();
    if (!project || this.lostAccess()) return true;
    return !canEditText(project.role, project.settings);
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
      case 'sessionEnded':
        return 'collab.problem.sessionEnded';
      default:
        return null;
    }
  });
  protected readonly loginLink = computed(() => ({ returnUrl: `/documents/${this.documentId()}` }));

  /** Undoes what `open` set up: the live session and the project's events. */
  private teardown: (() => void) | null = null;

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
      const problem = this.problem();
      if (problem === 'notFound') untracked(() => this.state.set('missing'));
      if (problem === 'deleted') untracked(() => this.state.set('deleted'));
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  protected async load(id = this.documentId()): Promise<void> {
    this.close();
    this.state.set('loading');
    try {
      const document = await this.api.get(id);
      if (id !== this.documentId()) return;
      this.document.set(document);
      this.pageTitle.setText(document.title);
      this.state.set('ready');
      this.open(document);
      await this.loadProject(document.projectId);
    } catch (err) {
      if (id !== this.documentId()) return;
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

  private open(document: TolkDocument): void {
    const user = this.auth.user();
    if (!user) return;
    const session = new CollabSession({
      documentId: document.id,
      user,
      token: this.auth.accessToken(),
      renewToken: async () => ((await this.auth.refresh()) ? this.auth.accessToken() : null),
    });
    this.session.set(session);

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
        this.document.update((current) => (current ? { ...current, title: changed.title, attributes: changed.attributes } : current));
        this.pageTitle.setText(changed.title);
      }),
      this.events.on('document:deleted', ({ id }) => {
        if (id === document.id) this.state.set('deleted');
      }),
    ];

    this.teardown = () => {
      clearTimeout(countTimer);
      for (const stop of stops) stop();
      this.events.openDocument(projectId, null);
      leave();
      session.text.unobserve(follow);
      session.destroy();
    };
  }

  private close(): void {
    this.teardown?.();
    this.teardown = null;
    this.session.set(null);
    this.liveText.set(null);
    this.project.set(null);
  }

  /** Keep the way back here when the session has ended. */
  protected async logInAgain(): Promise<void> {
    await this.router.navigate(['/login'], { queryParams: this.loginLink() });
  }
}
