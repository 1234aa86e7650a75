-- Every cleaned article's paragraph, removed-paragraph and boilerplate-line counts are zero or more.
select count(*) from clean_documents
 where n_paragraphs < 0 or n_paragraphs_removed < 0 or n_boilerplate_lines < 0;
