import { Link } from "react-router";

export function NotFound({ what = "page" }: { what?: string }) {
  return (
    <div className="page narrow">
      <h1>Not found</h1>
      <p>There is no such {what} here.</p>
      <Link className="button" to="/">
        Back to the course map
      </Link>
    </div>
  );
}
