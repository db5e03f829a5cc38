import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Invitation,
  InviteRequest,
  CreateProjectRequest,
  Member,
  Project,
  ProjectRole,
  ProjectSummary,
  UpdateProjectRequest,
} from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Projects and their members (docs/api.md, "Projects and members"). */
@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<ProjectSummary[]> {
    return firstValueFrom(this.http.get<ProjectSummary[]>('/api/projects'));
  }

  get(projectId: string): Promise<Project> {
    return firstValueFrom(this.http.get<Project>(`/api/projects/${enc(projectId)}`));
  }

  create(request: CreateProjectRequest): Promise<Project> {
    return firstValueFrom(this.http.post<Project>('/api/projects', request));
  }

  update(projectId: string, request: UpdateProjectRequest): Promise<Project> {
    return firstValueFrom(this.http.patch<Project>(`/api/projects/${enc(projectId)}`, request));
  }

  remove(projectId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/projects/${enc(projectId)}`));
  }

  members(projectId: string): Promise<Member[]> {
    return firstValueFrom(this.http.get<Member[]>(`/api/projects/${enc(projectId)}/members`));
  }

  /** 202 whatever the address: the person joins when they accept. */
  async invite(projectId: string, request: InviteRequest): Promise<void> {
    await firstValueFrom(this.http.post(`/api/projects/${enc(projectId)}/invitations`, request));
  }

  /** The caller's pending invitations. */
  invitations(): Promise<Invitation[]> {
    return firstValueFrom(this.http.get<Invitation[]>('/api/invitations'));
  }

  accept(invitationId: string): Promise<Project> {
    return firstValueFrom(this.http.post<Project>(`/api/invitations/${enc(invitationId)}/accept`, {}));
  }

  async decline(invitationId: string): Promise<void> {
    await firstValueFrom(this.http.post(`/api/invitations/${enc(invitationId)}/decline`, {}));
  }

  changeRole(projectId: string, userId: string, role: ProjectRole): Promise<Member> {
    return firstValueFrom(this.http.patch<Member>(`/api/projects/${enc(projectId)}/members/${enc(userId)}`, { role }));
  }

  removeMember(projectId: string, userId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/projects/${enc(projectId)}/members/${enc(userId)}`));
  }
}

// Ids come from the URL bar; never let one smuggle a path segment in.
const enc = encodeURIComponent;
