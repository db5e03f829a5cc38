import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Code, CreateCodeRequest, UpdateCodeRequest } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** The codebook of a project (docs/api.md, "Codebook"). */
@Injectable({ providedIn: 'root' })
export class CodebookApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Promise<Code[]> {
    return firstValueFrom(this.http.get<Code[]>(`/api/projects/${enc(projectId)}/codes`));
  }

  create(projectId: string, request: CreateCodeRequest): Promise<Code> {
    return firstValueFrom(this.http.post<Code>(`/api/projects/${enc(projectId)}/codes`, request));
  }

  update(codeId: string, request: UpdateCodeRequest): Promise<Code> {
    return firstValueFrom(this.http.patch<Code>(`/api/codes/${enc(codeId)}`, request));
  }

  /** Codings move to the target, sub-codes move under it, the code is retired. */
  merge(codeId: string, intoCodeId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/codes/${enc(codeId)}/merge`, { intoCodeId }));
  }

  /** 409 while codings use the code, unless `force` deletes them too. */
  remove(codeId: string, force = false): Promise<void> {
    const query = force ? '?force=true' : '';
    return firstValueFrom(this.http.delete<void>(`/api/codes/${enc(codeId)}${query}`));
  }
}

const enc = encodeURIComponent;
