import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService, SKIP_REFRESH } from './auth.service';

/**
 * Adds the bearer token to api calls. On a 401 it tries one refresh and
 * repeats the call once; if the session cannot be renewed, the user goes to
 * the login page and comes back to where they were afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) return next(req);
  const auth = inject(AuthService);
  const router = inject(Router);

  const withToken = (request: HttpRequest<unknown>): HttpRequest<unknown> => {
    const token = auth.accessToken();
    return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
  };

  if (req.context.get(SKIP_REFRESH)) return next(withToken(req));

  return next(withToken(req)).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401) return throwError(() => err);
      return from(auth.refresh()).pipe(
        switchMap((renewed) => {
          if (renewed) return next(withToken(req));
          void router.navigate(['/login'], {
            queryParams: { returnUrl: router.url, expired: 1 },
          });
          return throwError(() => err);
        }),
      );
    }),
  );
};
