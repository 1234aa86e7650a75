select count(*) from clean_documents
 where n_chars <> length(text) or n_paragraphs < 0 or n_paragraphs_removed < 0 or n_boilerplate_lines < 0;
