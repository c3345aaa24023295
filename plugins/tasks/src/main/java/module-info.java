/**
 * Built-in task-category providers: {@code synthetic} (an embedded generated suite), {@code niv2}
 * (Super-NaturalInstructions task files), {@code bbh} (BIG-Bench Hard) and {@code csv} (one task per CSV file).
 */
module org.imlbench.tasks {
    requires org.imlbench.api;
    requires com.fasterxml.jackson.databind;
    requires org.apache.commons.csv;

    provides org.imlbench.api.TaskCategoryProvider with
            org.imlbench.tasks.synthetic.SyntheticTaskProvider,
            org.imlbench.tasks.niv2.Niv2TaskProvider,
            org.imlbench.tasks.bbh.BbhTaskProvider,
            org.imlbench.tasks.csv.CsvTaskProvider;
}
