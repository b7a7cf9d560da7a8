/**
 * The one API module. Every type comes from the OpenAPI schema (schema.d.ts is generated
 * from the server's models; a test fails when it is stale).
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type ModuleSummary = Schemas["ModuleSummary"];
export type ModuleDetail = Schemas["ModuleDetail"];
export type ModuleProgress = Schemas["ModuleProgress"];
export type ModuleRef = Schemas["ModuleRef"];
export type PathView = Schemas["PathView"];
export type Block = ModuleDetail["blocks"][number];
export type InnerBlock = Schemas["AdmonitionBlock"]["blocks"][number];
export type CodeBlock = Schemas["CodeBlock"];
export type WidgetBlock = Schemas["WidgetBlock"];
export type QuizItemView = Schemas["QuizItemView"];
export type QuizItemState = Schemas["QuizItemState"];
export type ItemResult = Schemas["ItemResult"];
export type QuizResponse = Schemas["QuizAnswer"]["response"];
export type QuizSubmissionResult = Schemas["QuizSubmissionResult"];

const client = createClient<paths>({ baseUrl: "" });

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function describe(error: unknown, status: number): ApiError {
  if (typeof error === "object" && error !== null && "detail" in error) {
    const detail = error.detail;
    if (typeof detail === "string") return new ApiError(detail, status);
    return new ApiError(JSON.stringify(detail), status);
  }
  return new ApiError(`The server answered ${status}.`, status);
}

async function unwrap<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError("Cannot reach the la4ai server. Is it still running?", 0);
  }
  if (result.data === undefined) throw describe(result.error, result.response.status);
  return result.data;
}

export const api = {
  modules: () => unwrap(client.GET("/api/modules")),
  module: (moduleId: string) =>
    unwrap(client.GET("/api/modules/{module_id}", { params: { path: { module_id: moduleId } } })),
  paths: () => unwrap(client.GET("/api/paths")),
  recordReading: (moduleId: string, fraction: number) =>
    unwrap(
      client.PUT("/api/modules/{module_id}/reading", {
        params: { path: { module_id: moduleId } },
        body: { fraction },
      }),
    ),
  quizItem: (moduleId: string, itemId: string, seed?: number) =>
    unwrap(
      client.GET("/api/modules/{module_id}/quiz/{item_id}", {
        params: { path: { module_id: moduleId, item_id: itemId }, query: { seed } },
      }),
    ),
  submitAnswer: (moduleId: string, itemId: string, seed: number, response: QuizResponse) =>
    unwrap(
      client.POST("/api/modules/{module_id}/quiz/submissions", {
        params: { path: { module_id: moduleId } },
        body: { answers: [{ item_id: itemId, seed, response }] },
      }),
    ),
};
