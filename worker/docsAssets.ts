// Where the API reference page finds Scalar's browser bundle; shared by the Worker route and the build step that copies it.
export const SCALAR_SCRIPT_PATH = "/docs/scalar-api-reference.js";
