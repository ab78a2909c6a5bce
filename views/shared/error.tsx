export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <>
      <h1>{status === 404 ? 'Not found' : 'Something went wrong'}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the status page</a>
      </p>
    </>
  );
}

/**
 * What every page answers once the database file is found damaged: a page of its own, with no
 * session or navigation, since those would read the file.
 */
export function DamagedPage({ message }: { message: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>The database is damaged · Vigil</title>
        <link rel="stylesheet" href="/static/vigil.css" />
      </head>
      <body>
        <main id="main">
          <h1>The database is damaged</h1>
          <p class="alert" role="alert">
            {message.charAt(0).toUpperCase() + message.slice(1)}.
          </p>
          <p>
            Vigil shows no page until the file is restored, so that nothing is read from it or written to it.
          </p>
        </main>
      </body>
    </html>
  );
}
