import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tolk:public';

/** Marks a route that needs no access token (login, register, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
