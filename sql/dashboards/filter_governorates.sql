-- Governorates that canonical documents talk about, for the sidebar.
select distinct governorate
from mart_doc_governorates
order by governorate;
