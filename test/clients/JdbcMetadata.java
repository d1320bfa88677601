// JdbcMetadata: reads the palliative views through JDBC DatabaseMetaData the
// way BI tools (Metabase, Tableau, DBeaver) discover them, checks that every
// column maps to a standard JDBC type, and reads region_gaps.
// Run: java -cp postgresql.jar JdbcMetadata.java   (connection from PG* variables)
import java.sql.*;
import java.util.*;

public class JdbcMetadata {
    static int failures = 0;
    static int passes = 0;

    static void check(boolean ok, String what) {
        if (ok) { passes++; System.out.println("ok - " + what); }
        else { failures++; System.out.println("not ok - " + what); }
    }

    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("PGHOST", "localhost");
        if (host.startsWith("/")) host = "localhost";
        String url = "jdbc:postgresql://" + host + ":" + System.getenv().getOrDefault("PGPORT", "5432")
            + "/" + System.getenv().getOrDefault("PGDATABASE", "postgres");
        Properties props = new Properties();
        props.setProperty("user", System.getenv().getOrDefault("PGUSER", "postgres"));
        if (System.getenv("PGPASSWORD") != null) props.setProperty("password", System.getenv("PGPASSWORD"));

        // the types a BI tool understands; geometry arrives as OTHER named "geometry"
        Set<Integer> standard = new HashSet<>(Arrays.asList(
            Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.DOUBLE, Types.REAL, Types.NUMERIC,
            Types.VARCHAR, Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIT, Types.BOOLEAN));
        String[] expected = {"facility_profile", "region_coverage", "region_gaps", "region_indicators", "resource_directory"};

        try (Connection c = DriverManager.getConnection(url, props)) {
            DatabaseMetaData md = c.getMetaData();
            Set<String> found = new TreeSet<>();
            try (ResultSet t = md.getTables(null, "palliative", "%", new String[] {"VIEW", "MATERIALIZED VIEW"})) {
                while (t.next()) {
                    found.add(t.getString("TABLE_NAME"));
                    String remarks = t.getString("REMARKS");
                    check(remarks != null && !remarks.isEmpty(), "view " + t.getString("TABLE_NAME") + " has a comment");
                }
            }
            for (String v : expected) check(found.contains(v), "DatabaseMetaData lists palliative." + v);

            for (String v : found) {
                int n = 0;
                String first = null, firstType = null;
                try (ResultSet col = md.getColumns(null, "palliative", v, "%")) {
                    while (col.next()) {
                        n++;
                        String name = col.getString("COLUMN_NAME");
                        int type = col.getInt("DATA_TYPE");
                        String typeName = col.getString("TYPE_NAME");
                        if (first == null) { first = name; firstType = typeName; }
                        boolean ok = standard.contains(type)
                            || (type == Types.OTHER && "geometry".equals(typeName));
                        check(ok, v + "." + name + " (" + typeName + ") maps to a standard JDBC type (" + type + ")");
                        String remarks = col.getString("REMARKS");
                        check(remarks != null && !remarks.isEmpty(), v + "." + name + " has a comment");
                    }
                }
                check(n > 0, v + " has columns");
                check("id".equals(first) && ("int8".equals(firstType) || "int4".equals(firstType)),
                      v + " starts with an integer key id (found " + first + " " + firstType + ")");
            }

            // read region_gaps as a BI tool would: every column through getObject
            int rows = 0;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT * FROM palliative.region_gaps ORDER BY standard, level, gap_rank")) {
                ResultSetMetaData rmd = rs.getMetaData();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= rmd.getColumnCount(); i++) rs.getObject(i);
                    String reason = rs.getString("reason_en");
                    if (rows == 1) {
                        check(reason != null && reason.matches("[0-9,]+ people \\([0-9.]+%\\) live more than .* from any .*"),
                              "reason_en reads like a sentence: " + reason);
                        String ja = rs.getString("reason_ja");
                        check(ja != null && ja.contains("人"), "reason_ja is Japanese: " + ja);
                    }
                    check(rs.getLong("id") > 0 && rs.getInt("gap_rank") >= 1, "region_gaps row " + rows + " has a key and a rank");
                }
            }
            check(rows > 0, "region_gaps returned rows (" + rows + ")");
        }
        System.out.println("jdbc: " + passes + " passed, " + failures + " failed");
        System.exit(failures == 0 ? 0 : 1);
    }
}
