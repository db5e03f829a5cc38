import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Repo } from '../database/transactions.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

/** What trading a refresh token in found. */
export type Use =
  | { kind: 'fresh'; familyId: string; userId: string }
  /** Used moments ago (a browser's tabs refreshing at once): another token of the family. */
  | { kind: 'racing'; familyId: string; userId: string }
  /** Used before: a copy is being played back. */
  | { kind: 'reused'; familyId: string; userId: string }
  /** Unknown, or its family was revoked. */
  | { kind: 'invalid' };

/** Every query of `refresh_tokens`. */
@Injectable()
export class RefreshTokensRepository extends Repo {
  async insert(row: Pick<RefreshTokenEntity, 'id' | 'familyId' | 'userId'>): Promise<void> {
    await this.manager().insert(RefreshTokenEntity, row);
  }

  /** Whether the token is known and its family not revoked (not whether it was used). */
  async usable(id: string, userId: string): Promise<boolean> {
    return this.manager().existsBy(RefreshTokenEntity, { id, userId, revokedAt: IsNull() });
  }

  /** Marks the token used, atomically: only one caller gets `fresh`. */
  async use(id: string, userId: string, graceMs: number): Promise<Use> {
    const [updated] = await this.manager().query<[{ family_id: string }[], number]>(
      `UPDATE refresh_tokens SET used_at = now() WHERE id = $1 AND user_id = $2 AND used_at IS NULL AND revoked_at IS NULL
       RETURNING family_id`,
      [id, userId],
    );
    if (updated.length === 1) return { kind: 'fresh', familyId: updated[0].family_id, userId };
    const row = await this.manager().findOneBy(RefreshTokenEntity, { id, userId });
    if (!row || row.revokedAt !== null || row.usedAt === null) return { kind: 'invalid' };
    const kind = Date.now() - row.usedAt.getTime() <= graceMs ? 'racing' : 'reused';
    return { kind, familyId: row.familyId, userId };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.manager().query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }
}
