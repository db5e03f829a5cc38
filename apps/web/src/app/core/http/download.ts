import { HttpClient, type HttpResponse } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';

/**
 * Fetches a file from the api and hands it to the browser's downloads,
 * named as the server names it. Through HttpClient rather than a plain link:
 * the request needs the session's bearer token.
 */
export async function downloadFile(
  http: HttpClient,
  url: string,
  params: Record<string, string | readonly string[]>,
  fallbackName: string,
): Promise<void> {
  const response = await firstValueFrom(http.get(url, { params, responseType: 'blob', observe: 'response' }));
  saveBlob(response.body!, fileNameOf(response) ?? fallbackName);
}

/** Hands a blob to the browser's downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The name the server gave the file (`filename*=UTF-8''…` first). */
function fileNameOf(response: HttpResponse<Blob>): string | undefined {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/iu.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/iu.exec(header)?.[1];
}

/** `?snapshotId=` when exporting a snapshot rather than the project as it is now. */
export const snapshotParams = (snapshotId?: string): Record<string, string> => (snapshotId ? { snapshotId } : {});
