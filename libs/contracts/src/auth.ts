export interface RegisterRequest {
  email: string;
  password: string;
  name: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
}

/**
 * Answer to login and refresh. The access token is short-lived; the browser
 * gets a new one from `POST /api/auth/refresh`, which reads an httpOnly
 * refresh cookie set at login.
 */
export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

/** `GET /api/auth/options`: what the sign-in page may offer. */
export interface AuthOptions {
  registrationOpen: boolean;
  /** Sign-in through an OpenID Connect provider (`GET /api/auth/oidc/start`), when configured. */
  oidc: { name: string } | null;
}

/** POST /api/auth/password: ends every other session (and open connection) of the account. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
