(function(){
  function cell(row,i){return row.children[i].getAttribute('data-sort')||row.children[i].textContent.trim();}
  document.querySelectorAll('table.sortable').forEach(function(table){
    table.querySelectorAll('th').forEach(function(th,i){
      th.addEventListener('click',function(){
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        var asc=th.getAttribute('data-asc')!=='1';th.setAttribute('data-asc',asc?'1':'0');
        rows.sort(function(a,b){var x=cell(a,i),y=cell(b,i),nx=parseFloat(x),ny=parseFloat(y);
          var r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?r:-r;});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  var selects=document.querySelectorAll('.filters select');
  // A row's measure and entity are its own, or its group's.
  function attr(row,name){var el=row.closest('[data-'+name+']');return el?el.getAttribute('data-'+name):'';}
  function apply(){
    var f={},any=false;
    selects.forEach(function(s){f[s.name]=s.value;any=any||!!s.value;});
    document.querySelectorAll('[data-row]').forEach(function(row){
      var ok=(!f.severity||(row.getAttribute('data-severity')||'none')===f.severity)&&
             (!f.measure||attr(row,'measure')===f.measure)&&
             (!f.entity||attr(row,'entity')===f.entity)&&
             (!f.article||row.getAttribute('data-article')===f.article);
      row.classList.toggle('hidden',!ok);
    });
    // the chart's bars and the summary's cards follow the severity filter too
    document.querySelectorAll('[data-bar], .card[data-severity]').forEach(function(el){
      el.classList.toggle('dim',!!f.severity&&el.getAttribute('data-severity')!==f.severity);
    });
    document.querySelectorAll('.group, .story').forEach(function(group){
      var shown=!!group.querySelector('[data-row]:not(.hidden)');group.classList.toggle('hidden',!shown);
    });
    // a filter opens the folds it found rows in, and folds them again when it is cleared
    document.querySelectorAll('details').forEach(function(fold){
      var shown=!!fold.querySelector('[data-row]:not(.hidden)');
      if(any&&shown&&!fold.open){fold.open=true;fold.setAttribute('data-filter-opened','');}
      else if(!any&&fold.hasAttribute('data-filter-opened')){fold.open=false;fold.removeAttribute('data-filter-opened');}
      if(fold.classList.contains('fold')){fold.classList.toggle('hidden',any&&!shown);}
    });
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
})();
