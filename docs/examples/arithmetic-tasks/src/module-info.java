/** An example third-party task plugin: two generated arithmetic tasks. */
module org.example.arithmetic {
    requires org.imlbench.api;

    provides org.imlbench.api.TaskCategoryProvider with org.example.arithmetic.ArithmeticTasks;
}
