# The ecograph API for docker-compose.yml (Neo4j backend). The embedded default needs no image.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ecograph ecograph
COPY graph graph
COPY loaders loaders
COPY api api
COPY queries queries
COPY viz viz
COPY demo demo
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["ecograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
