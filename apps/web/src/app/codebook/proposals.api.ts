import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Code, CodebookHistoryEntry, CodeProposal, CreateCodeProposalRequest } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Codebook proposals and the codebook's history (docs/api.md, "Codebook", "Proposals"). */
@Injectable({ providedIn: 'root' })
export class ProposalsApi {
  private readonly http = inject(HttpClient);

  /** Every code, merged and deleted ones too (marked `retired`): proposals and history name them. */
  codes(projectId: string): Promise<Code[]> {
    return firstValueFrom(this.http.get<Code[]>(`/api/projects/${enc(projectId)}/codes?retired=true`));
  }

  list(projectId: string): Promise<CodeProposal[]> {
    return firstValueFrom(this.http.get<CodeProposal[]>(`/api/projects/${enc(projectId)}/code-proposals`));
  }

  propose(projectId: string, request: CreateCodeProposalRequest): Promise<CodeProposal> {
    return firstValueFrom(this.http.post<CodeProposal>(`/api/projects/${enc(projectId)}/code-proposals`, request));
  }

  decide(proposalId: string, how: 'accept' | 'decline'): Promise<CodeProposal> {
    return firstValueFrom(this.http.post<CodeProposal>(`/api/code-proposals/${enc(proposalId)}/${how}`, {}));
  }

  history(projectId: string): Promise<CodebookHistoryEntry[]> {
    return firstValueFrom(this.http.get<CodebookHistoryEntry[]>(`/api/projects/${enc(projectId)}/codebook/history`));
  }
}

const enc = encodeURIComponent;
