/**
 * Saves text as a file through the browser's download (a Blob behind a temporary link), as
 * the kern page's CSV is saved: UTF-8, the name suggested, nothing sent anywhere.
 */
export function downloadFile(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
