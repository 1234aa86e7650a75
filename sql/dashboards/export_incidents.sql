-- Every row of the incidents table, as the pipeline wrote it (read only when the warehouse has one).
select * from incidents;
