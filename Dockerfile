# syntax=docker/dockerfile:1
# Cadence in a container: built with the devDependencies, run with production dependencies only, as the
# unprivileged `node` user, from a directory it cannot write (only DATA_DIR, a volume, is writable).
#
#   docker build -t cadence .
#   docker run -d -p 3000:3000 -v cadence-data:/data -e BETTER_AUTH_URL=http://localhost:3000 cadence

ARG NODE_VERSION=20

# Toolchain for native addons (better-sqlite3 compiles from source when no prebuilt binary fits).
FROM node:${NODE_VERSION}-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Build: web app (Vite) and server bundles (esbuild) into dist/.
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only, compiled on the same base image as the runtime.
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root, read-only for the app. No sources: the build is what runs (npm start would not rebuild it).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/web ./dist/web
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/build.json ./dist/build.json
COPY package.json package-lock.json ./
COPY scripts/build.mjs scripts/start.mjs scripts/backup.mjs ./scripts/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (GET /api/health); load balancers should use GET /api/ready, which also checks the database and Redis.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM stores everything and closes sockets with 1001, which clients reconnect on.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/index.mjs"]
