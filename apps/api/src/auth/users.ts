import type { User } from '@tolk/contracts';
import type { UserEntity } from './user.entity.js';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const toUser = (entity: UserEntity): User => ({ id: entity.id, email: entity.email, name: entity.name });
