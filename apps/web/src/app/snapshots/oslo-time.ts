import { computed, inject, Injectable } from '@angular/core';
import { DEADLINE_TIME_ZONE } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';

/**
 * Times of snapshots and deadlines, always on Oslo's clock (the thesis's
 * deadlines are Norwegian), whatever zone the browser is set to.
 */
@Injectable({ providedIn: 'root' })
export class OsloTime {
  private readonly i18n = inject(I18n);
  private readonly format = computed(
    () =>
      new Intl.DateTimeFormat(this.i18n.locale(), {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: DEADLINE_TIME_ZONE,
      }),
  );

  dateTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : this.format().format(date);
  }
}
