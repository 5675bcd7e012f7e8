/** The longest search query, in characters: the route refuses longer ones, the app's search fields stop there. */
export const MAX_QUERY_CHARS = 200;
