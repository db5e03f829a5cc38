import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ProjectRole } from '@tolk/contracts';
import type { TranslationKey } from '../../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';

export const ROLE_KEYS: Record<ProjectRole, TranslationKey> = {
  owner: 'role.owner',
  supervisor: 'role.supervisor',
  coder: 'role.coder',
  viewer: 'role.viewer',
};

/** The caller's role in a project, so they know why some actions are missing. */
@Component({
  selector: 'tolk-role-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDirective],
  template: `<ng-container *transloco="let t">
    {{ t(key()) }}
  </ng-container> `,
  styles: `
    :host {
      display: inline-block;
      padding: 0.125rem 0.625rem;
      border-radius: 999px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
  `,
})
export class RoleBadge {
  readonly role = input.required<ProjectRole>();
  protected readonly key = computed(() => ROLE_KEYS[this.role()]);
}
