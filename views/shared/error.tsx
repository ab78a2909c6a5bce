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
