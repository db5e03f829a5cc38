import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { Invitation, Project, ProjectSummary } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from '../shared/ui/icon';
import { RoleBadge } from '../shared/ui/role-badge';
import {
  ExchangeImportDialog,
  type ExchangeImportData,
  type ExchangeImportResult,
} from '../exchange/exchange-import.dialog';
import { CreateProjectDialog } from './create-project.dialog';
import { InvitationAnswer, type InvitationAnswered } from './invitation-answer';
import { ProjectsApi } from './projects.api';
import { loadState } from '../shared/load-state';

@Component({
  selector: 'tolk-project-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, Icon, RoleBadge, TranslocoDirective, InvitationAnswer],
  templateUrl: './project-list.page.html',
  styleUrl: './project-list.page.scss',
})
export class ProjectListPage implements OnInit {
  private readonly api = inject(ProjectsApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  protected readonly projects = signal<ProjectSummary[]>([]);
  protected readonly state = loadState();
  /** Invitations waiting for the caller's answer (membership starts on accepting). */
  protected readonly invitations = signal<Invitation[]>([]);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.api.invitations().then(
      (invitations) => this.invitations.set(invitations),
      () => undefined,
    );
    await this.state.load(
      () => this.api.list(),
      (projects) => this.projects.set([...projects].sort((a, b) => a.name.localeCompare(b.name))),
    );
  }

  /** A REFI-QDA file from another tool becomes a new project; the dialog shows what came in. */
  protected async importProject(): Promise<void> {
    const ref = this.dialog.open<ExchangeImportDialog, ExchangeImportData, ExchangeImportResult>(ExchangeImportDialog, {
      data: { kind: 'project' },
      width: '34rem',
      maxWidth: '95vw',
    });
    const result = await firstValueFrom(ref.afterClosed());
    if (result && result !== true) await this.router.navigate(['/projects', result.projectId]);
    else void this.load();
  }

  protected async create(): Promise<void> {
    const ref = this.dialog.open<CreateProjectDialog, void, Project>(CreateProjectDialog, {
      width: '32rem',
      maxWidth: '95vw',
    });
    const project = await firstValueFrom(ref.afterClosed());
    if (project) await this.router.navigate(['/projects', project.id]);
  }

  /** Accepted: the project opens; declined: the row goes. */
  protected async answered({ invitation, project }: InvitationAnswered): Promise<void> {
    this.invitations.update((list) => list.filter((i) => i.id !== invitation.id));
    if (project) await this.router.navigate(['/projects', project.id]);
  }
}
