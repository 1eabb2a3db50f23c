/**
 * The queries in SQL for DuckDB (duckdb-wasm: blocking bindings in Node, a worker in Chromium) over three tables
 * `bid`, `auction`, `person`, as close to the Nexmark SQL as DuckDB's dialect allows. Every query
 * returns its result columns in the order the checksum hashes them (see queries/q*.ts).
 */
export const SQL_QUERIES: Record<string, string> = {
  q0: 'SELECT auction, bidder, price, dateTime FROM bid',
  // 0.908 * price in thousandths (what the checksum hashes): exact as an integer.
  q1: 'SELECT auction, bidder, round(0.908 * price * 1000)::BIGINT, dateTime FROM bid',
  q2: 'SELECT auction, price FROM bid WHERE auction % 123 = 0',
  q3: `SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id
       WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')`,
  // sum() of INTEGER is a HUGEINT, which Arrow (duckdb-wasm) hands over as 128-bit words: cast back.
  q4: `SELECT category, (sum(final) // count(*))::BIGINT FROM (
         SELECT max(B.price) AS final, A.category FROM auction A, bid B
         WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
         GROUP BY A.id, A.category) GROUP BY category`,
  q5: `WITH hop AS (
         SELECT auction, unnest(generate_series((floor(dateTime / 2000) * 2000)::BIGINT - 8000, (floor(dateTime / 2000) * 2000)::BIGINT, 2000)) AS ws
         FROM bid),
       counts AS (SELECT auction, ws, count(*) AS num FROM hop GROUP BY auction, ws)
       SELECT auction, num FROM counts QUALIFY num >= max(num) OVER (PARTITION BY ws)`,
  q7: `WITH m AS (SELECT floor(dateTime / 10000) * 10000 AS ws, max(price) AS maxprice FROM bid GROUP BY 1)
       SELECT B.auction, B.price, B.bidder, B.dateTime FROM bid B JOIN m
       ON B.price = m.maxprice AND B.dateTime BETWEEN m.ws AND m.ws + 10000`,
  q8: `WITH P AS (SELECT DISTINCT id, name, floor(dateTime / 10000) * 10000 AS ws FROM person),
       A AS (SELECT DISTINCT seller, floor(dateTime / 10000) * 10000 AS ws FROM auction)
       SELECT P.id, P.name, P.ws FROM P JOIN A ON P.id = A.seller AND P.ws = A.ws`,
  q11: `WITH flagged AS (
          SELECT bidder, dateTime, CASE WHEN dateTime - lag(dateTime) OVER (PARTITION BY bidder ORDER BY dateTime) < 10000
                                        THEN 0 ELSE 1 END AS starts FROM bid),
        sessions AS (SELECT bidder, dateTime, sum(starts) OVER (PARTITION BY bidder ORDER BY dateTime
                     ROWS UNBOUNDED PRECEDING) AS sid FROM flagged)
        SELECT bidder, count(*), min(dateTime), max(dateTime) + 10000 FROM sessions GROUP BY bidder, sid`,
  q18: `SELECT auction, bidder, dateTime FROM bid
        QUALIFY row_number() OVER (PARTITION BY bidder, auction ORDER BY dateTime DESC) = 1`,
  q19: `SELECT auction, rank_number, price FROM (
          SELECT auction, price, row_number() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number FROM bid)
        WHERE rank_number <= 10`,
};
