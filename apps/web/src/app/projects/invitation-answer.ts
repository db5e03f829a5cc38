import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Invitation, Project } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { ROLE_KEYS } from '../shared/ui/role-badge';
import { ProjectsApi } from './projects.api';

/** An invitation that was answered: `project` is the one joined (null: declined). */
export interface InvitationAnswered {
  invitation: Invitation;
  project: Project | null;
}

/**
 * One pending invitation with its Accept and Decline buttons, as the project
 * list and the inbox show it. It answers through the api and says so in a
 * toast; the page hears `answered` (to drop the row, open the project) or
 * `failed` (to read the invitations again).
 */
@Component({
  selector: 'tolk-invitation-answer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @let i = invitation();
    @let role = t(roleKeys[i.role]);
    @if (wording() === 'role') {
      <span class="muted">{{ t('inbox.invitation.role', { role }) }}</span>
    } @else if (i.invitedBy.name; as name) {
      <span>{{ t('invitations.from', { name, project: i.projectName, role }) }}</span>
    } @else {
      <span>{{ t('invitations.fromNobody', { project: i.projectName, role }) }}</span>
    }
    <span class="actions">
      <button
        mat-flat-button
        type="button"
        [disabled]="busy()"
        [attr.aria-label]="t('invitations.acceptNamed', { project: i.projectName })"
        (click)="accept()"
      >
        {{ t('invitations.accept') }}
      </button>
      <button
        mat-stroked-button
        type="button"
        [disabled]="busy()"
        [attr.aria-label]="t('invitations.declineNamed', { project: i.projectName })"
        (click)="decline()"
      >
        {{ t('invitations.decline') }}
      </button>
    </span>
  </ng-container>`,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 0.75rem;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class InvitationAnswer {
  private readonly api = inject(ProjectsApi);
  private readonly notify = inject(Notify);

  readonly invitation = input.required<Invitation>();
  /** `full`: who invited to which project as what (the project list); `role`: the role alone (the inbox row names the rest). */
  readonly wording = input<'full' | 'role'>('full');
  readonly answered = output<InvitationAnswered>();
  readonly failed = output<Invitation>();

  protected readonly roleKeys = ROLE_KEYS;
  protected readonly busy = signal(false);

  /** Joins the project: membership starts now. */
  protected accept(): Promise<void> {
    return this.answer(async (invitation) => {
      const project = await this.api.accept(invitation.id);
      this.notify.info('invitations.accepted', { project: invitation.projectName });
      return project;
    });
  }

  protected decline(): Promise<void> {
    return this.answer(async (invitation) => {
      await this.api.decline(invitation.id);
      this.notify.info('invitations.declined', { project: invitation.projectName });
      return null;
    });
  }

  private async answer(send: (invitation: Invitation) => Promise<Project | null>): Promise<void> {
    const invitation = this.invitation();
    this.busy.set(true);
    try {
      const project = await send(invitation);
      this.answered.emit({ invitation, project });
    } catch (err) {
      this.notify.error('invitations.failed', err);
      this.failed.emit(invitation);
    } finally {
      this.busy.set(false);
    }
  }
}
