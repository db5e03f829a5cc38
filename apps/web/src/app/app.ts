import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSnackBar } from '@angular/material/snack-bar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { AuthService } from './core/auth/auth.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from './shared/ui/icon';
import { LanguageSwitch } from './shared/ui/language-switch';
import { InboxStore } from './together/inbox.store';

@Component({
  selector: 'tolk-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButtonModule, Icon, LanguageSwitch, TranslocoDirective],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly auth = inject(AuthService);
  /** The unread count in the header, live. */
  protected readonly inbox = inject(InboxStore);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // After an in-app navigation, move focus to the new page so screen
    // reader and keyboard users start reading there, not in the old spot.
    // Query-only changes (a project's open tab) keep focus where it is.
    let lastPath: string | null = null;
    const sub = this.router.events
      .pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd))
      .subscribe((e) => {
        const path = e.urlAfterRedirects.split(/[?#]/)[0];
        const first = lastPath === null;
        const moved = path !== lastPath;
        lastPath = path;
        if (first || !moved) return;
        setTimeout(() => this.main().nativeElement.focus({ preventScroll: false }));
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected async logout(): Promise<void> {
    // A message about the last session means nothing on the login page.
    this.snackBar.dismiss();
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
