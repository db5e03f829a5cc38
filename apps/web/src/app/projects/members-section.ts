import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type Member, may, PROJECT_ROLES, type ProjectRole } from '@tolk/contracts';
import { AuthService } from '../core/auth/auth.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { RoleBadge, ROLE_KEYS } from '../shared/ui/role-badge';
import { ProjectsApi } from './projects.api';
import { loadState } from '../shared/load-state';

/** Who works on the project, and (for owners) who may do what. */
@Component({
  selector: 'tolk-members-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    RoleBadge,
    TranslocoDirective,
  ],
  templateUrl: './members-section.html',
  styleUrl: './members-section.scss',
})
export class MembersSection {
  private readonly api = inject(ProjectsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  protected readonly me = inject(AuthService).user;

  readonly projectId = input.required<string>();
  readonly role = input.required<ProjectRole>();

  protected readonly roles = PROJECT_ROLES;
  protected readonly roleKeys = ROLE_KEYS;
  protected readonly members = signal<Member[]>([]);
  protected readonly state = loadState();
  // Managing members depends on no project setting, so the role alone answers.
  protected readonly canManage = computed(() => may(this.role(), 'manageMembers'));
  protected readonly adding = signal(false);

  protected readonly addForm = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    role: ['coder' as ProjectRole, Validators.required],
  });

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(projectId = this.projectId()): Promise<void> {
    await this.state.load(
      () => this.api.members(projectId),
      (members) => this.members.set(members),
    );
  }

  protected async add(): Promise<void> {
    if (this.addForm.invalid) {
      this.addForm.markAllAsTouched();
      return;
    }
    const { email, role } = this.addForm.getRawValue();
    this.adding.set(true);
    try {
      // An invitation: the person joins when they accept. The answer is the same
      // whether or not the address has an account, so the list does not change now.
      await this.api.invite(this.projectId(), { email: email.trim(), role });
      this.addForm.reset({ email: '', role: 'coder' });
      this.notify.info('members.invited', { email: email.trim() });
    } catch (err) {
      this.notify.error('members.inviteFailed', err);
    } finally {
      this.adding.set(false);
    }
  }

  protected async changeRole(member: Member, role: ProjectRole): Promise<void> {
    if (role === member.role) return;
    const before = this.members();
    this.members.update((list) => list.map((m) => (m.userId === member.userId ? { ...m, role } : m)));
    try {
      await this.api.changeRole(this.projectId(), member.userId, role);
      this.notify.info('members.roleChanged', { name: member.name });
    } catch (err) {
      // Put the select back; e.g. the last owner cannot step down (409).
      this.members.set(before.map((m) => ({ ...m })));
      this.notify.error('members.roleFailed', err);
    }
  }

  protected async remove(member: Member): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'members.remove.title',
      message: 'members.remove.message',
      confirm: 'members.remove.confirm',
      params: { name: member.name },
      destructive: true,
    });
    if (!yes) return;
    try {
      await this.api.removeMember(this.projectId(), member.userId);
      this.members.update((list) => list.filter((m) => m.userId !== member.userId));
      this.notify.info('members.removed', { name: member.name });
    } catch (err) {
      this.notify.error('members.removeFailed', err);
    }
  }
}
